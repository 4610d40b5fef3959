package model

import (
	"fmt"
	"strconv"
	"sync"
	"time"
)

// HLC is a hybrid logical clock value: the top 48 bits are wall-clock
// milliseconds since the Unix epoch, the low 16 bits a counter that orders
// events within one millisecond or while the wall clock stands behind an
// observed remote clock. Values compare as integers, and their String form
// (16 hex digits) sorts the same way, so change-log keys sort by time.
type HLC uint64

const hlcCounterBits = 16

// HLCAt returns the HLC for wall time t with counter 0.
func HLCAt(t time.Time) HLC { return HLC(uint64(t.UnixMilli()) << hlcCounterBits) }

// Time returns the wall-clock part.
func (h HLC) Time() time.Time { return time.UnixMilli(int64(h >> hlcCounterBits)).UTC() }

// String returns the fixed-width hex form used in keys.
func (h HLC) String() string { return fmt.Sprintf("%016x", uint64(h)) }

// ParseHLC reads the String form.
func ParseHLC(s string) (HLC, error) {
	if len(s) != 16 {
		return 0, fmt.Errorf("hlc %q: want 16 hex digits", s)
	}
	v, err := strconv.ParseUint(s, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("hlc %q: %w", s, err)
	}
	return HLC(v), nil
}

// Clock hands out strictly increasing HLC values. It is safe for concurrent
// use. Now is injected so tests control time.
type Clock struct {
	mu   sync.Mutex
	last HLC
	Now  func() time.Time
}

// NewClock returns a clock that starts after last (the highest value already
// persisted) and reads the system time.
func NewClock(last HLC) *Clock { return &Clock{last: last, Now: time.Now} }

// Tick returns a new value greater than every value seen so far.
func (c *Clock) Tick() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	wall := HLCAt(c.Now())
	if wall > c.last {
		c.last = wall
	} else {
		c.last++
	}
	return c.last
}

// Observe moves the clock past a value received from another device.
func (c *Clock) Observe(remote HLC) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if remote > c.last {
		c.last = remote
	}
}

// Last returns the highest value seen.
func (c *Clock) Last() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}
