// Package app is Casefile's desktop face, built with Fyne: the set-up
// wizard, the unlock screen, the case list and the case form, settings and
// auto-lock. It holds no business rule: it calls store (and demo) and shows
// what they return, translated through i18n.
//
// Fyne runs every UI callback on one goroutine. Slow work (scrypt at unlock,
// creating a vault, filling the demo clinic) runs in a goroutine and comes
// back to widgets only through fyne.Do. Build and test with
// -tags migrated_fynedo (FyneApp.toml sets [Migrations] fyneDo = true).
package app
