package changelog

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// splitEnvelope reads the envelopes a vault writes as DecodeEnvelope does,
// and leaves anything else to it.
func TestSplitEnvelope(t *testing.T) {
	for _, s := range []string{
		`{"v":1,"data":{"a":"}"},"ver":{"a":12}}`,
		`{"v":1,"data":{"a":"\"}"},"ver":null}`,
		`{"v":1,"data":{},"ver":{}}`,
		`{"v":1,"data":{"b":[1,{"x":"]"}],"n":-1.5e3},"ver":{"b":1,"n":1844674407370955161}}`,
	} {
		env, err := DecodeEnvelope([]byte(s), nil)
		if err != nil {
			t.Fatal(err)
		}
		data, ver, ok := splitEnvelope([]byte(s))
		if !ok || !bytes.Equal(data, env.Data) || !reflect.DeepEqual(ver, env.Ver) {
			t.Fatalf("%s: %v %s %v", s, ok, data, ver)
		}
	}
	for _, s := range []string{
		`{"v":2,"data":{},"ver":{}}`, `{"v":1,"data":{},"ver":{"a":01}}`, `{"v":1,"data":{},"ver":{"a\u0041":1}}`,
		`{"v":1,"data":{},"ver":{"a":1}} `, `{"v":1,"data":{},"ver":{"a":1,}}`, `{"v":1,"data":{"a":1}`,
		`{"v":1,"data":{},"ver":{"a":99999999999999999999}}`, `{"data":{},"v":1,"ver":{}}`,
	} {
		if _, _, ok := splitEnvelope([]byte(s)); ok {
			t.Fatalf("%s split", s)
		}
		env, derr := DecodeEnvelope([]byte(s), nil)
		data, ver, err := SplitEnvelope([]byte(s))
		if (derr == nil) != (err == nil) || derr == nil && (!bytes.Equal(data, env.Data) || !reflect.DeepEqual(ver, env.Ver)) {
			t.Fatalf("%s: fallback %v / %v", s, err, derr)
		}
	}
}

// DecodeChange reads the entries a vault writes as json.Unmarshal does,
// and leaves anything else to it.
func TestDecodeChange(t *testing.T) {
	same := func(b []byte) bool {
		var want, got Change
		werr := json.Unmarshal(b, &want)
		gerr := DecodeChange(b, &got)
		if (werr == nil) != (gerr == nil) {
			return false
		}
		return reflect.DeepEqual(want, got)
	}
	for _, s := range []string{
		`{"author":"Zoé","ops":[{"e":"case","id":"x","f":"a","v":null},{"e":"case","id":"x","f":"b","v":"a\"]}","b":7}]}`,
		`{"author":"","ops":[]}`,
		`{"author":"a","ops":[{"e":"note","id":"y","f":"tags","v":["a","]"],"b":1},{"e":"n","id":"y","f":"o","v":{"k":[1,{"z":"}"}]}}]}`,
		`{"author":"a","ops":[{"e":"n","id":"y","f":"n","v":-1.5e3},{"e":"n","id":"y","f":"t","v":true}]}`,
		`{"author":"a\u00e9","ops":[]}`, `{"author":"a","ops":null}`, `{"ops":[],"author":"a"}`,
		`{"author":"a","ops":[{"e":"n","id":"y","f":"n","v":1,"b":01}]}`, `{"author":"a","ops":[]} `,
		`{"author":"\xff","ops":[]}`, "{\"author\":\"\xff\",\"ops\":[]}", `{"author":"a","ops":[{"e":"n","id":"y","f":"n","v":}]}`,
		`{"author":"a","ops":[{"e":"n","id":"y","f":"n","v":tr"ue}]}`,
	} {
		if !same([]byte(s)) {
			t.Fatalf("%s", s)
		}
	}
}
