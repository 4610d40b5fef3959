package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// keyLiteral matches a string that is, or starts, a vault key (rec/…,
// idx/…, log/…), or a key's middle part naming a kind (/case/, /note/…).
var keyLiteral = regexp.MustCompile(`^(rec|idx|log|doc|meta|stage)/|^/(person|case|note|event|deadline|document|evidence|erasure)/$`)

// No file of the store spells a key: every key is built by
// store/internal/layout, the one place the layout of docs/vault-format.md
// is written (tests may spell keys, to check them).
func TestNoKeyLiteralOutsideLayout(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	// The store's internal packages too, but layout itself.
	internal, err := filepath.Glob(filepath.Join("internal", "*", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range internal {
		if filepath.Base(filepath.Dir(path)) != "layout" {
			files = append(files, path)
		}
	}
	fset := token.NewFileSet()
	n := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		n++
		ast.Inspect(f, func(node ast.Node) bool {
			lit, ok := node.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && keyLiteral.MatchString(s) {
				t.Errorf("%s: key literal %s: build it in store/internal/layout", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
	}
	if n < 20 {
		t.Fatalf("only %d files parsed", n)
	}
}
