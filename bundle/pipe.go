package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"sync"
	"sync/atomic"

	"casefile/store"
)

// encPipe runs age's encryption on a goroutine of its own, so that on a
// machine with two cores it overlaps with everything that produces the
// archive (reading the records and the documents out of the vault, which
// decrypts them, the JSON, tar). The archive's bytes travel in a few
// recycled 256 KiB blocks: the writer runs at most pipeBlocks blocks ahead
// of the encryption, so memory stays bounded whatever the bundle's size.
//
// The documents' SHA-256 is computed on a third goroutine, between the
// writer and the encryption (beginDoc, endDoc): the check that nothing
// damaged leaves the vault stays, and the scheduler puts it on whichever
// core has time. A document whose bytes do not match fails the export
// before its last block is encrypted, and the error is what Write
// returns.
//
// Only the goroutine that writes calls Write, beginDoc, endDoc, close and
// abort; the encrypting goroutine alone touches enc.
type encPipe struct {
	enc    io.Writer
	full   chan block // writer to hasher
	hashed chan block // hasher to encryption
	free   chan []byte
	nbuf   int // blocks allocated so far
	cur    []byte
	doc    *docCheck // the document whose bytes are being written, if any

	stop   chan struct{} // closed by the hasher or the encryption when it fails
	done   chan struct{} // closed when both have returned
	once   sync.Once
	err    error       // the first failure; read only after stop or done
	failed atomic.Bool // set before stop is closed
	ended  bool        // full is closed
	quit   atomic.Bool // the writer gave up: encrypt nothing more
}

const (
	pipeBlock  = 256 << 10
	pipeBlocks = 8
)

type block struct {
	b    []byte
	doc  *docCheck // the bytes are (part of) this document's
	last bool      // the document ends with these bytes: check it
}

// docCheck is one document's expected digest and size, and the running
// hash of what was sent; only the hashing goroutine uses h and n.
type docCheck struct {
	id   string
	want string // SHA-256, hex
	size int64
	h    hash.Hash
	n    int64
}

func newEncPipe(enc io.Writer) *encPipe {
	p := &encPipe{
		enc:    enc,
		full:   make(chan block, pipeBlocks),
		hashed: make(chan block, pipeBlocks),
		free:   make(chan []byte, pipeBlocks),
		stop:   make(chan struct{}),
		done:   make(chan struct{}),
	}
	go p.hash()
	go p.encrypt()
	return p
}

// fail records the first failure and tells everyone.
func (p *encPipe) fail(err error) {
	p.once.Do(func() {
		p.err = err
		p.failed.Store(true)
		close(p.stop)
	})
}

func (p *encPipe) skipping() bool { return p.failed.Load() || p.quit.Load() }

// hash checks the documents' bytes and passes every block on, in order.
func (p *encPipe) hash() {
	defer close(p.hashed)
	for blk := range p.full {
		if d := blk.doc; d != nil && !p.skipping() {
			d.h.Write(blk.b)
			d.n += int64(len(blk.b))
			if blk.last && (d.n != d.size || hex.EncodeToString(d.h.Sum(nil)) != d.want) {
				p.fail(fmt.Errorf("bundle: document %s: %w", d.id, store.ErrDocumentCorrupt))
			}
		}
		p.hashed <- blk
	}
}

// encrypt encrypts the blocks, in order, until a failure, and recycles them.
func (p *encPipe) encrypt() {
	defer close(p.done)
	for blk := range p.hashed {
		if !p.skipping() {
			if _, err := p.enc.Write(blk.b); err != nil {
				p.fail(fmt.Errorf("bundle: write: %w", err))
			}
		}
		if cap(blk.b) > 0 {
			p.free <- blk.b[:0]
		}
	}
}

// Write copies b into blocks and hands the full ones over. It fails with
// the first error of the hashing or encrypting goroutine once one has
// failed.
func (p *encPipe) Write(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		if p.cur == nil {
			if err := p.getBlock(); err != nil {
				return n, err
			}
		}
		c := copy(p.cur[len(p.cur):cap(p.cur)], b)
		p.cur = p.cur[:len(p.cur)+c]
		b = b[c:]
		n += c
		if len(p.cur) == cap(p.cur) {
			if err := p.send(false); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

func (p *encPipe) getBlock() error {
	select {
	case p.cur = <-p.free:
		return nil
	default:
	}
	if p.nbuf < pipeBlocks {
		p.nbuf++
		p.cur = make([]byte, 0, pipeBlock)
		return nil
	}
	select {
	case p.cur = <-p.free:
		return nil
	case <-p.stop:
		return p.err
	}
}

// send hands over the current block (it may be empty when it ends a
// document).
func (p *encPipe) send(last bool) error {
	select {
	case p.full <- block{b: p.cur, doc: p.doc, last: last}:
		p.cur = nil
		return nil
	case <-p.stop:
		return p.err
	}
}

// beginDoc says that the bytes written from now until endDoc are a
// document's, to be checked against its size and SHA-256 (hex).
func (p *encPipe) beginDoc(id string, size int64, sha256Hex string) error {
	if len(p.cur) > 0 {
		if err := p.send(false); err != nil {
			return err
		}
	}
	p.doc = &docCheck{id: id, want: sha256Hex, size: size, h: sha256.New()}
	return nil
}

// endDoc ends the document begun: its check happens before its last bytes
// are encrypted.
func (p *encPipe) endDoc() error {
	err := p.send(true)
	p.doc = nil
	return err
}

// close hands over what is left and waits for the encryption to finish;
// it returns the first error of the hashing or encrypting goroutine (a
// damaged document among them). enc is free for the caller once it returns.
func (p *encPipe) close() error {
	if len(p.cur) > 0 {
		if err := p.send(false); err != nil {
			p.abort()
			return err
		}
	}
	p.ended = true
	close(p.full)
	<-p.done
	return p.err
}

// abort stops the encrypting goroutine without encrypting what it has not
// yet, and waits for it; safe to call after close.
func (p *encPipe) abort() {
	if p.ended {
		return
	}
	p.ended = true
	p.quit.Store(true)
	close(p.full)
	<-p.done
}
