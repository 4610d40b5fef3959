package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWritesIconAndVersionFromFyneAppToml(t *testing.T) {
	dir := t.TempDir()
	img := image.NewNRGBA(image.Rect(0, 0, 512, 512))
	img.Set(10, 10, color.NRGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "icon.png"), b.Bytes(), 0o644)
	toml := "Website = \"x\"\n\n[Details]\nIcon = \"icon.png\"\nName = \"Casefile\"\nVersion = \"1.2.3\"\nBuild = 7\n\n[Migrations]\nfyneDo = true\n"
	os.WriteFile(filepath.Join(dir, "FyneApp.toml"), []byte(toml), 0o644)
	out := t.TempDir()
	if err := run(filepath.Join(dir, "FyneApp.toml"), out); err != nil {
		t.Fatal(err)
	}
	rcText, _ := os.ReadFile(filepath.Join(out, "casefile.rc"))
	for _, want := range []string{"FILEVERSION 1,2,3,7", `"ProductVersion", "1.2.3"`, `"FileVersion", "1.2.3.7"`, `"ProductName", "Casefile"`, `1 ICON "casefile.ico"`} {
		if !strings.Contains(string(rcText), want) {
			t.Errorf("casefile.rc lacks %q:\n%s", want, rcText)
		}
	}
	icoData, _ := os.ReadFile(filepath.Join(out, "casefile.ico"))
	le := binary.LittleEndian
	if le.Uint16(icoData[2:]) != 1 || le.Uint16(icoData[4:]) != 1 {
		t.Fatalf("not a one-image icon: % x", icoData[:6])
	}
	size, offset := le.Uint32(icoData[14:]), le.Uint32(icoData[18:])
	if int(offset+size) != len(icoData) {
		t.Fatalf("entry says %d bytes at %d, file has %d", size, offset, len(icoData))
	}
	got, err := png.Decode(bytes.NewReader(icoData[offset:]))
	if err != nil {
		t.Fatal(err)
	}
	if got.Bounds().Dx() != 256 || got.Bounds().Dy() != 256 {
		t.Errorf("icon is %v, want 256x256", got.Bounds())
	}
}

func TestVersionPartsRejectsWhatWindowsCannotHold(t *testing.T) {
	for _, v := range []string{"1.2.3.4", "1.x", "70000.0.0", ""} {
		if _, err := versionParts(v, 1); err == nil {
			t.Errorf("versionParts(%q) accepted", v)
		}
	}
	if p, err := versionParts("2.5", 3); err != nil || p != [4]int{2, 5, 0, 3} {
		t.Errorf("versionParts(2.5, 3) = %v, %v", p, err)
	}
}

func TestParseDetailsNeedsNameVersionIcon(t *testing.T) {
	f := filepath.Join(t.TempDir(), "FyneApp.toml")
	os.WriteFile(f, []byte("[Details]\nName = \"Casefile\"\n"), 0o644)
	if _, err := parseDetails(f); err == nil {
		t.Error("accepted a [Details] without Version and Icon")
	}
}
