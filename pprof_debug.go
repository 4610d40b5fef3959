//go:build pprofdebug

package main

// Built only with -tags pprofdebug (never in a release): serves Go's
// profiles on the loopback address in CASEFILE_PPROF, to measure the app's
// memory and CPU (docs/performance.md). A profile holds call stacks and
// sizes, never a record's content.

import (
	"net/http"
	_ "net/http/pprof"
	"os"
)

func init() {
	if addr := os.Getenv("CASEFILE_PPROF"); addr != "" {
		go http.ListenAndServe(addr, nil)
	}
}
