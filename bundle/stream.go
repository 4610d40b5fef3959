package bundle

import (
	"errors"
	"io"

	"casefile/changelog"
	"casefile/store"
)

// WriteVault writes the cases of v that idsOrRefs name (ids or
// references) as one bundle to w, like Write given v.ExportCases(idsOrRefs),
// byte for byte but for the manifest's id and the encryption. The cases are
// read in one snapshot (store.Vault.ExportEach) on a goroutine of their
// own, a few ahead of the archive, so that reading them overlaps with
// their encoding, the documents and the encryption, and only those few are
// held. opts.OpenDocument defaults to v.OpenDocument.
func WriteVault(w io.Writer, opts Options, v *store.Vault, idsOrRefs []string) error {
	if opts.OpenDocument == nil {
		opts.OpenDocument = v.OpenDocument
	}
	s := &caseStream{v: v, ids: idsOrRefs}
	defer s.stop()
	return writeBundle(w, opts, s.head, s.next)
}

// casesAhead is how many cases the reading goroutine may hold before the
// archive takes them.
const casesAhead = 16

var errStopped = errors.New("bundle: export stopped")

type caseStream struct {
	v     *store.Vault
	ids   []string
	heads chan []CaseRef
	cases chan *changelog.CaseExport
	quit  chan struct{} // closed by stop: the writer gave up
	done  chan struct{} // closed when the reading goroutine has returned
	err   error         // its error; read after done
}

func (s *caseStream) start() {
	s.heads = make(chan []CaseRef, 1)
	s.cases = make(chan *changelog.CaseExport, casesAhead)
	s.quit = make(chan struct{})
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		defer close(s.cases)
		s.err = s.v.ExportEach(s.ids, func(hs []store.ExportHead) error {
			refs := make([]CaseRef, len(hs))
			for i, h := range hs {
				refs[i] = CaseRef{ID: h.ID, Ref: h.Ref}
			}
			s.heads <- refs // buffered: never blocks
			return nil
		}, func(ce *changelog.CaseExport) error {
			select {
			case s.cases <- ce:
				return nil
			case <-s.quit:
				return errStopped
			}
		})
	}()
}

// head starts the reading and returns the cases' ids and references.
func (s *caseStream) head() ([]CaseRef, error) {
	s.start()
	select {
	case refs := <-s.heads:
		return refs, nil
	case <-s.done:
	}
	select {
	case refs := <-s.heads:
		return refs, nil
	default:
		return nil, s.err
	}
}

// next returns the next case, encoded on the writer's goroutine (the
// reading one has more to do), or nil once the reading has ended well.
func (s *caseStream) next() (*encodedCase, error) {
	if ce, ok := <-s.cases; ok {
		return encodeCase(ce)
	}
	<-s.done
	return nil, s.err
}

// stop ends the reading goroutine, if it is still running, and waits for it.
func (s *caseStream) stop() {
	if s.quit == nil {
		return
	}
	close(s.quit)
	<-s.done
}
