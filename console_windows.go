package main

import (
	"syscall"
	"unsafe"
)

// casefile.exe is one program for the GUI and the CLI, so it is built for
// the console subsystem: a command typed in cmd.exe or PowerShell writes to
// that console and the shell waits for it. Started from Explorer or a
// shortcut, Windows gives it a console window of its own, which the desktop
// app does not need: when this process is the only one attached to its
// console (the shell that started a CLI command would be another), it
// detaches, and Windows closes the window. (A GUI-subsystem build would
// instead return the shell's prompt at once and lose the CLI's output.)
func releaseOwnConsole() {
	kernel32 := syscall.NewLazyDLL("kernel32.dll")
	list := kernel32.NewProc("GetConsoleProcessList")
	var pids [2]uint32
	n, _, _ := list.Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	if n == 1 {
		kernel32.NewProc("FreeConsole").Call()
	}
}
