/* Test scaffolding only, never shipped: Go >= 1.22 programs import
 * ProcessPrng from bcryptprimitives.dll, which Debian 12's Wine 8 lacks.
 * This DLL exports it on top of advapi32's SystemFunction036 (RtlGenRandom).
 * scripts/wine-test.sh builds it with mingw-w64 into the Wine prefix. */
#include <windows.h>

typedef BOOLEAN (WINAPI *rtlgenrandom)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static rtlgenrandom gen;
    if (!gen)
        gen = (rtlgenrandom)GetProcAddress(LoadLibraryA("advapi32.dll"), "SystemFunction036");
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!gen || !gen(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
