package bundle

import (
	"archive/tar"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"

	"casefile/model"
	"casefile/store"
)

// Format 2 carries each live document of a case as its own entry,
// docs/<document id>, right after the case's entry, in the order of the
// case's records. The bytes are never held whole: the writer copies them
// from the vault into the archive and the signature's hash, the reader
// checks them against the record's size and SHA-256 (which the signature
// covers) as they stream. The signature's transcript takes a document
// entry as its name, length and SHA-256 (32 bytes) rather than its bytes:
// the digest binds them as well, and the bytes are hashed once (SHA-256,
// which the vault computes anyway) instead of twice.

// unhashedWriterTo is the vault's document reader (store.Vault.OpenDocument)
// leaving the SHA-256 to its caller: it writes the bytes, checks their
// chunks and size, and returns the digest they must have.
type unhashedWriterTo interface {
	WriteToUnhashed(w io.Writer) (n int64, sha256Hex string, err error)
}

// writeDocuments streams a case's live documents into the archive. Each
// document's bytes are checked against its SHA-256 before they count as
// sent: by the vault's reader, or, for the vault's own reader, by pipe on
// the goroutine that encrypts (see encPipe).
func writeDocuments(tw *tar.Writer, pipe *encPipe, tr transcript, opts Options, c *encodedCase) error {
	for _, d := range c.docs {
		if opts.OpenDocument == nil {
			return fmt.Errorf("bundle: case %s has documents and no way to read them", c.ref)
		}
		r, err := opts.OpenDocument(d.ID)
		if err != nil {
			return fmt.Errorf("bundle: document %s: %w", d.ID, err)
		}
		name := docPrefix + d.ID
		hdr := &tar.Header{Name: name, Mode: 0o600, Size: d.Size, ModTime: opts.Now.UTC().Truncate(1e9), Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return fmt.Errorf("bundle: write: %w", err)
		}
		sum, err := hex.DecodeString(d.SHA256)
		if err != nil {
			return fmt.Errorf("bundle: document %s: %w", d.ID, store.ErrDocumentCorrupt)
		}
		tr.head(name, d.Size)
		tr.h.Write(sum)
		if u, ok := r.(unhashedWriterTo); ok && pipe != nil {
			// The bytes tw writes between its header and the next are
			// the document's: pipe hashes them and fails the export
			// if they are not the ones the record names.
			if err := pipe.beginDoc(d.ID, d.Size, d.SHA256); err != nil {
				return err
			}
			n, want, err := u.WriteToUnhashed(tw)
			if err != nil {
				return fmt.Errorf("bundle: document %s: %w", d.ID, err)
			}
			if n != d.Size || want != d.SHA256 {
				return fmt.Errorf("bundle: document %s: %w", d.ID, store.ErrDocumentCorrupt)
			}
			if err := pipe.endDoc(); err != nil {
				return err
			}
			continue
		}
		// The reader checks the SHA-256 at its end: a damaged document
		// fails the export instead of travelling.
		n, err := io.Copy(tw, r)
		if err != nil {
			return fmt.Errorf("bundle: document %s: %w", d.ID, err)
		}
		if n != d.Size {
			return fmt.Errorf("bundle: document %s: %w", d.ID, store.ErrDocumentCorrupt)
		}
	}
	return nil
}

// docEntry reads the next archive entry as document d: its name and size
// must be d's; the reader returned fails with ErrCorrupt at its end unless
// the bytes have d's SHA-256.
func docEntry(ar *tar.Reader, d model.Document) (io.Reader, error) {
	hdr, err := ar.Next()
	if err != nil || hdr.Typeflag != tar.TypeReg || hdr.Name != docPrefix+d.ID ||
		hdr.Size != d.Size || d.Size < 0 || d.Size > model.MaxDocumentBytes {
		return nil, ErrCorrupt
	}
	return &checkedReader{r: ar, h: sha256.New(), want: d.SHA256}, nil
}

type checkedReader struct {
	r    io.Reader
	h    hash.Hash
	want string
}

func (c *checkedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	if err == io.EOF && hex.EncodeToString(c.h.Sum(nil)) != c.want {
		return n, ErrCorrupt
	}
	if err != nil && err != io.EOF {
		err = ErrCorrupt
	}
	return n, err
}

// Documents reads the file again and hands each live document of the
// bundle, in order, to each: its id and a reader of its bytes, whose last
// Read returns ErrCorrupt instead of io.EOF when the bytes are not the
// ones the verified record names. Read first: only a verified bundle has
// documents to give. It fits store.DocumentFeed.
func (b *Bundle) Documents(each func(docID string, r io.Reader) error) error {
	return b.DocumentsFrom(b.src)(each)
}

// DocumentsFrom is Documents reading src, the same file opened again (the
// one Read was given may be closed by then). A file changed in between
// fails the SHA-256 checks.
func (b *Bundle) DocumentsFrom(src io.ReadSeeker) store.DocumentFeed {
	return func(each func(docID string, r io.Reader) error) error { return b.documents(src, each) }
}

func (b *Bundle) documents(src io.ReadSeeker, each func(docID string, r io.Reader) error) error {
	var docs []model.Document
	for i := range b.Cases {
		docs = append(docs, b.Cases[i].Documents()...)
	}
	if len(docs) == 0 {
		return nil
	}
	if src == nil {
		return ErrCorrupt
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return err
	}
	plain, _, err := decrypt(src, b.ids, nil)
	if err != nil {
		return err
	}
	ar := tar.NewReader(plain)
	for _, d := range docs {
		var r io.Reader
		for r == nil { // skip the manifest and the cases
			hdr, err := ar.Next()
			if err != nil {
				return ErrCorrupt
			}
			if len(hdr.Name) > len(docPrefix) && hdr.Name[:len(docPrefix)] == docPrefix {
				if hdr.Name != docPrefix+d.ID || hdr.Size != d.Size {
					return ErrCorrupt
				}
				r = &checkedReader{r: ar, h: sha256.New(), want: d.SHA256}
			}
		}
		if err := each(d.ID, r); err != nil {
			return err
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			return err
		}
	}
	return nil
}
