//go:build !unix

package crypto

func processCPUSeconds() float64 { return 0 }
