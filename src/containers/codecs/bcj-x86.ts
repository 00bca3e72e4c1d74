/** Whether the byte may be the top byte of an x86 relative address that BCJ converted (0x00 or 0xFF). */
function isMsByte(b: number): boolean {
  return b === 0 || b === 0xff;
}

const ALLOWED = [true, true, true, false, true, false, false, false];
const BIT_NUMBER = [0, 1, 2, 2, 3, 3, 3, 3];

/**
 * Undoes the x86 BCJ filter in place (7z coder 03030103, xz filter 0x04): CALL/JMP targets that the encoder
 * made absolute become relative again. Follows the published algorithm of xz's simple/x86.c, one buffer.
 */
export function bcjX86Decode(buffer: Uint8Array): void {
  if (buffer.length < 5) return;
  let prevMask = 0;
  let prevPos = -5;
  const limit = buffer.length - 5;
  let pos = 0;
  while (pos <= limit) {
    let b = buffer[pos] as number;
    if (b !== 0xe8 && b !== 0xe9) {
      pos++;
      continue;
    }
    const offset = pos - prevPos;
    prevPos = pos;
    if (offset > 5) prevMask = 0;
    else for (let i = 0; i < offset; i++) prevMask = ((prevMask & 0x77) << 1) & 0xff;
    b = buffer[pos + 4] as number;
    if (isMsByte(b) && ALLOWED[(prevMask >>> 1) & 7] === true && prevMask >>> 1 < 0x10) {
      let src = ((b << 24) | ((buffer[pos + 3] as number) << 16) | ((buffer[pos + 2] as number) << 8) | (buffer[pos + 1] as number)) >>> 0;
      let dest: number;
      for (;;) {
        dest = (src - (pos + 5)) >>> 0;
        if (prevMask === 0) break;
        const i = BIT_NUMBER[prevMask >>> 1] as number;
        b = (dest >>> (24 - i * 8)) & 0xff;
        if (!isMsByte(b)) break;
        src = (dest ^ (2 ** (32 - i * 8) - 1)) >>> 0;
      }
      buffer[pos + 4] = (dest >>> 24) & 1 ? 0xff : 0;
      buffer[pos + 3] = (dest >>> 16) & 0xff;
      buffer[pos + 2] = (dest >>> 8) & 0xff;
      buffer[pos + 1] = dest & 0xff;
      pos += 5;
      prevMask = 0;
    } else {
      pos++;
      prevMask |= 1;
      if (isMsByte(b)) prevMask |= 0x10;
    }
  }
}
