package store

import (
	"io"
	"sync"
)

// chunkBufs recycles chunk buffers between documents streamed with
// WriteTo: a bundle of thousands of documents would otherwise leave a
// 256 KiB buffer of garbage behind each, and the heap grows with the
// garbage until the collector catches up.
var chunkBufs = sync.Pool{New: func() any { b := make([]byte, 0, ChunkSize); return &b }}

// WriteTo copies the document to w one chunk at a time, without the extra
// copy io.Copy would make through its own buffer (bundles stream hundreds
// of megabytes this way). Like Read, it ends with ErrDocumentCorrupt when
// the bytes are not the ones recorded; w has then received them already,
// so callers must treat what they wrote as void.
func (r *docReader) WriteTo(w io.Writer) (int64, error) {
	if r.buf == nil && r.next == 0 {
		p := chunkBufs.Get().(*[]byte)
		r.buf = (*p)[:0]
		defer func() {
			*p = r.buf[:0]
			r.buf = nil
			chunkBufs.Put(p)
		}()
	}
	var total int64
	for {
		if len(r.buf) == 0 {
			if _, err := r.Read(nil); err != nil {
				if err == io.EOF {
					return total, nil
				}
				return total, err
			}
		}
		chunk := r.buf
		n, err := w.Write(chunk)
		total += int64(n)
		r.buf = chunk[n:]
		if n == len(chunk) {
			r.buf = chunk[:0] // the next chunk reuses the memory
		}
		if err != nil {
			return total, err
		}
	}
}
