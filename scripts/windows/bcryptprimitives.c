/*
 * A stand-in for bcryptprimitives.dll, for running the Windows build under wine only (it is never
 * shipped). Rust's standard library has imported ProcessPrng from this DLL since Rust 1.78; wine
 * 8.0 (Debian 12) lacks it, and every Rust program then fails to load. Windows 10 and later have
 * the real DLL.
 *
 * ProcessPrng fills a buffer with random bytes; RtlGenRandom (advapi32's SystemFunction036) does
 * the same but takes a 32-bit length, hence the chunks.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
