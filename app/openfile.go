package app

// openPendingImports shows the import preview of the bundles the app was
// started with (a double-click on a .casefile.age file: the installers
// associate the type with `casefile FILE`), once, after the first unlock:
// a bundle is only read into an open vault.
func (a *App) openPendingImports() {
	files := a.pendingImports
	a.pendingImports = nil
	for _, f := range files {
		a.openImport(f, "")
	}
}
