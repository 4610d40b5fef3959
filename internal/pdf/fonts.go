package pdf

// Fonts for text beyond WinAnsi. A paragraph that WinAnsi cannot encode is
// set in an installed font drawn like the standard font it replaces
// (Liberation Sans, Arimo or Arial for Helvetica; Liberation Mono or
// Courier New for Courier), so that it looks like the paragraphs around it
// as a reader draws them; else in Noto Sans, which the app's theme carries
// (Latin, Greek, Cyrillic, Vietnamese). Each character these lack comes
// from a fallback font found per script:
//
//   - by default the system's fonts, found with go-text's fontscan (as Fyne
//     finds them for the screen), asking first for the families that draw
//     the script well: "Noto Sans Arabic", "Noto Sans Ethiopic", "Noto Sans
//     CJK SC" (a Chinese name in France is usually from the mainland, and
//     the JP face draws some ideographs differently), then Windows' and
//     macOS' usual fonts for it, then any sans-serif font that has the
//     character;
//   - or the font files given to FallbackFonts (tests, a packaged build).
//
// A character no font has, or only as a bitmap (colour emoji), is not
// drawn: its run is replaced by a boxed placeholder (missing.go).

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
)

// Base faces from the theme, parsed once per process.
var (
	baseOnce                        sync.Once
	baseRegular, baseBold, baseMono *font.Face
	baseErr                         error
)

func loadBase() {
	for _, b := range []struct {
		res  interface{ Content() []byte }
		face **font.Face
	}{
		{theme.DefaultTextFont(), &baseRegular},
		{theme.DefaultTextBoldFont(), &baseBold},
		{theme.DefaultTextMonospaceFont(), &baseMono},
	} {
		face, err := font.ParseTTF(bytes.NewReader(b.res.Content()))
		if err != nil {
			baseErr = fmt.Errorf("pdf: theme font: %w", err)
			return
		}
		*b.face = face
	}
}

// baseFaces are the faces a shaped paragraph in the standard font std is
// set in, in order: an installed font with the metrics of std if any, then
// the theme's Noto Sans regular or bold, or its monospace for Courier.
func baseFaces(std string) ([]*font.Face, error) {
	theme, err := themeFace(std)
	if err != nil {
		return nil, err
	}
	if m := fallbacks.metric(std); m != nil {
		return []*font.Face{m, theme}, nil
	}
	return []*font.Face{theme}, nil
}

// themeFace is the theme's face for the standard font std.
func themeFace(std string) (*font.Face, error) {
	baseOnce.Do(loadBase)
	if baseErr != nil {
		return nil, baseErr
	}
	switch std {
	case HelveticaBold:
		return baseBold, nil
	case Courier:
		return baseMono, nil
	}
	return baseRegular, nil
}

// fallbackSet finds fonts for characters the base faces lack. It is shared
// by every document of the process (fontscan's map is not safe for
// concurrent use, hence the lock); answers are cached per character.
type fallbackSet struct {
	mu      sync.Mutex
	system  bool              // scan the system's fonts at first use
	fm      *fontscan.FontMap // nil: no fallback font at all
	cache   map[fallbackKey]*font.Face
	metrics map[string]*font.Face // by standard font; nil: none installed
}

type fallbackKey struct {
	r    rune
	bold bool
}

var fallbacks = &fallbackSet{system: true}

type quietLogger struct{}

func (quietLogger) Printf(string, ...interface{}) {}

// load scans the system's fonts the first time they are needed. The
// index lives in the user's cache folder, shared with Fyne: font file
// names and coverage, no personal data.
func (f *fallbackSet) load() {
	if f.system {
		f.system = false
		fm := fontscan.NewFontMap(quietLogger{})
		if err := fm.UseSystemFonts(""); err == nil {
			f.fm = fm
		}
	}
}

// metricFamilies are installed families drawn with the metrics of each
// standard font, by preference.
var metricFamilies = map[string][]string{
	Helvetica:     {"Liberation Sans", "Arimo", "Arial", "Helvetica", "Nimbus Sans"},
	HelveticaBold: {"Liberation Sans", "Arimo", "Arial", "Helvetica", "Nimbus Sans"},
	Courier:       {"Liberation Mono", "Cousine", "Courier New", "Nimbus Mono PS"},
}

// metric returns an installed face of one of metricFamilies[std] in the
// weight of std, or nil.
func (f *fallbackSet) metric(std string) *font.Face {
	f.mu.Lock()
	defer f.mu.Unlock()
	if face, ok := f.metrics[std]; ok {
		return face
	}
	f.load()
	var face *font.Face
	if f.fm != nil {
		aspect := font.Aspect{Weight: font.WeightNormal}
		if std == HelveticaBold {
			aspect.Weight = font.WeightBold
		}
		f.fm.SetQuery(fontscan.Query{Families: metricFamilies[std], Aspect: aspect})
		c := f.fm.ResolveFace('a') // any font when none of the families is installed
		family, got := f.fm.FontMetadata(c.Font)
		for _, want := range metricFamilies[std] {
			if family == font.NormalizeFamily(want) && got.Weight == aspect.Weight && got.Style == font.StyleNormal && drawable(c, 'a') {
				face = c
				break
			}
		}
	}
	if f.metrics == nil {
		f.metrics = map[string]*font.Face{}
	}
	f.metrics[std] = face
	return face
}

// face returns a font that draws r with an outline, or nil.
func (f *fallbackSet) face(r rune, bold bool) *font.Face {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := fallbackKey{r, bold}
	if face, ok := f.cache[key]; ok {
		return face
	}
	f.load()
	var face *font.Face
	if f.fm != nil {
		aspect := font.Aspect{Weight: font.WeightNormal}
		if bold {
			aspect.Weight = font.WeightBold
		}
		f.fm.SetQuery(fontscan.Query{Families: append(familiesFor(scriptName(r)), fontscan.SansSerif), Aspect: aspect})
		if c := f.fm.ResolveFace(r); drawable(c, r) {
			face = c
		}
	}
	if f.cache == nil {
		f.cache = map[fallbackKey]*font.Face{}
	}
	f.cache[key] = face
	return face
}

// drawable reports whether face has an outline for r (not a bitmap, as
// colour emoji fonts have, which a Type 3 glyph cannot carry).
func drawable(face *font.Face, r rune) bool {
	if face == nil {
		return false
	}
	g, ok := face.NominalGlyph(r)
	if !ok {
		return false
	}
	_, outline := face.GlyphData(g).(font.GlyphOutline)
	return outline
}

// familiesFor lists the families asked for first for a script, by its
// Unicode name.
func familiesFor(script string) []string {
	switch script {
	case "Han", "Bopomofo":
		return []string{"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei"}
	case "Hiragana", "Katakana":
		return []string{"Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", "Meiryo", "Hiragino Sans"}
	case "Hangul":
		return []string{"Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo"}
	case "Arabic":
		return []string{"Noto Sans Arabic", "Noto Naskh Arabic", "Segoe UI", "Arial", "Geeza Pro"}
	case "Ethiopic":
		return []string{"Noto Sans Ethiopic", "Abyssinica SIL", "Nyala", "Ebrima", "Kefa"}
	case "Tifinagh":
		return []string{"Noto Sans Tifinagh", "Ebrima"}
	case "Common", "Inherited":
		return []string{"Noto Sans", "Noto Sans Symbols", "Noto Sans Symbols 2", "Noto Sans Math", "DejaVu Sans", "Segoe UI Symbol"}
	}
	return []string{"Noto Sans " + strings.ReplaceAll(script, "_", " ")}
}

// scriptNames are the names of unicode.Scripts, sorted so that the answer
// of scriptName does not depend on map order.
var scriptNames = sync.OnceValue(func() []string {
	names := make([]string, 0, len(unicode.Scripts))
	for name := range unicode.Scripts {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
})

// scriptName is the Unicode name of r's script ("Ethiopic", "Han"), or
// "Unknown" for an unassigned or private-use character.
func scriptName(r rune) string {
	for _, name := range scriptNames() {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	return "Unknown"
}

// fontExts are the font files FallbackFonts reads in a folder.
var fontExts = []string{".ttf", ".otf", ".ttc", ".otc"}

// FallbackFonts makes the writer look for characters Noto Sans lacks in the
// font files given (a folder stands for the font files directly in it)
// instead of the system's fonts; with no path, in no font at all, so that
// every such character prints as a placeholder. It returns a function that
// restores the previous fonts. It is meant for tests (a fixed set of fonts
// renders the same on every machine) and for a build that ships its own
// fonts; each file is read whole into memory.
func FallbackFonts(paths ...string) (restore func(), err error) {
	fm := fontscan.NewFontMap(quietLogger{})
	added := 0
	for _, p := range paths {
		files := []string{p}
		if fi, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("pdf: fallback fonts: %w", err)
		} else if fi.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				return nil, fmt.Errorf("pdf: fallback fonts: %w", err)
			}
			files = files[:0]
			for _, e := range entries {
				if e.Type().IsRegular() && slices.Contains(fontExts, strings.ToLower(filepath.Ext(e.Name()))) {
					files = append(files, filepath.Join(p, e.Name()))
				}
			}
		}
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				return nil, fmt.Errorf("pdf: fallback fonts: %w", err)
			}
			if err := fm.AddFont(bytes.NewReader(b), file, ""); err != nil {
				return nil, fmt.Errorf("pdf: fallback font %s: %w", file, err)
			}
			added++
		}
	}
	if len(paths) > 0 && added == 0 {
		return nil, fmt.Errorf("pdf: fallback fonts: %w", errNoFontFile)
	}
	f := fallbacks
	f.mu.Lock()
	defer f.mu.Unlock()
	system, fm0, cache, metrics := f.system, f.fm, f.cache, f.metrics
	f.system, f.cache, f.fm, f.metrics = false, nil, nil, nil
	if added > 0 {
		f.fm = fm
	}
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.system, f.fm, f.cache, f.metrics = system, fm0, cache, metrics
	}, nil
}

var errNoFontFile = errors.New("no font file (" + strings.Join(fontExts, ", ") + ") found")
