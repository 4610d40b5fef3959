// Package rights serves the rights of the people a clinic's files are
// about (GDPR): the right of access, as a PDF of everything the vault holds
// about one person. Erasure lives in the store (store.EraseCase); this
// package only reads and renders, in the current language.
package rights
