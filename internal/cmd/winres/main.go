// Command winres writes the Windows resources of casefile.exe from
// FyneApp.toml: an icon (casefile.ico, one 256 px PNG image, the form Windows
// Vista and later read) and a resource script (casefile.rc) with the icon and
// the version information Explorer shows. scripts/build-windows.sh compiles
// the script with mingw-w64's windres into rsrc_windows_amd64.syso, which the
// Go linker adds to the Windows build only. No tool beyond the mingw-w64
// toolchain the cgo build already needs.
//
// Usage: go run ./internal/cmd/winres FyneApp.toml OUTDIR
package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: winres FyneApp.toml OUTDIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

// details holds the [Details] keys of FyneApp.toml that Windows shows.
type details struct {
	Name, Version, Icon string
	Build               int
}

// parseDetails reads the flat key = value lines of FyneApp.toml's [Details]
// table; the file has no nested values, so a TOML library is not needed.
func parseDetails(path string) (details, error) {
	f, err := os.Open(path)
	if err != nil {
		return details{}, err
	}
	defer f.Close()
	var d details
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || section != "Details" {
			continue
		}
		k, v = strings.TrimSpace(k), strings.Trim(strings.TrimSpace(v), `"`)
		switch k {
		case "Name":
			d.Name = v
		case "Version":
			d.Version = v
		case "Icon":
			d.Icon = v
		case "Build":
			d.Build, _ = strconv.Atoi(v)
		}
	}
	if err := sc.Err(); err != nil {
		return details{}, err
	}
	if d.Name == "" || d.Version == "" || d.Icon == "" {
		return details{}, fmt.Errorf("%s: [Details] needs Name, Version and Icon", path)
	}
	return d, nil
}

// versionParts turns "0.1.0" and build 1 into 0,1,0,1.
func versionParts(v string, build int) ([4]int, error) {
	var p [4]int
	fields := strings.Split(v, ".")
	if len(fields) > 3 {
		return p, fmt.Errorf("version %q: want MAJOR.MINOR.PATCH", v)
	}
	for i, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || n > 65535 {
			return p, fmt.Errorf("version %q: want MAJOR.MINOR.PATCH", v)
		}
		p[i] = n
	}
	p[3] = build
	return p, nil
}

// ico encodes img, scaled to 256x256, as a one-image .ico holding a PNG.
func ico(img image.Image) ([]byte, error) {
	dst := image.NewNRGBA(image.Rect(0, 0, 256, 256))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, dst); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&b, le, [3]uint16{0, 1, 1}) // reserved, type icon, one image
	b.Write([]byte{0, 0, 0, 0})              // 256x256 (0 means 256), no palette
	binary.Write(&b, le, [2]uint16{1, 32})   // planes, bits per pixel
	binary.Write(&b, le, [2]uint32{uint32(pngData.Len()), 22})
	b.Write(pngData.Bytes())
	return b.Bytes(), nil
}

func run(toml, out string) error {
	d, err := parseDetails(toml)
	if err != nil {
		return err
	}
	v, err := versionParts(d.Version, d.Build)
	if err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(filepath.Dir(toml), d.Icon))
	if err != nil {
		return err
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("icon %s: %w", d.Icon, err)
	}
	icon, err := ico(img)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "casefile.ico"), icon, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "casefile.rc"), []byte(rc(d, v)), 0o644)
}

// rc is the resource script: the icon and a VERSIONINFO block in US English
// and French (Explorer shows the block of the user's language).
func rc(d details, v [4]int) string {
	num := fmt.Sprintf("%d,%d,%d,%d", v[0], v[1], v[2], v[3])
	str := fmt.Sprintf("%d.%d.%d.%d", v[0], v[1], v[2], v[3])
	return fmt.Sprintf(`1 ICON "casefile.ico"
1 VERSIONINFO
FILEVERSION %[1]s
PRODUCTVERSION %[1]s
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "FileDescription", "%[3]s"
      VALUE "FileVersion", "%[2]s"
      VALUE "InternalName", "casefile"
      VALUE "OriginalFilename", "casefile.exe"
      VALUE "ProductName", "%[3]s"
      VALUE "ProductVersion", "%[4]s"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
`, num, str, d.Name, d.Version)
}
