"""wandb_rec.py: what the test writers of .wandb files share: protobuf
varints and length-delimited fields, and the LevelDB-log framing W&B
writes its records in (32 KiB blocks, a 7-byte chunk header: CRC-32 of
the type and data, length, type FULL 1 / FIRST 2 / MIDDLE 3 / LAST 4; a
new block when fewer than 7 bytes are left, the padding zeroed)."""
import struct
import zlib

BLOCK = 32768
HEADER = b":W&B\xe1\xbe\x00"      # the file's magic, version and a zero


def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)


def ld(field, data):
    return varint(field << 3 | 2) + varint(len(data)) + data


def vint(field, v):
    return varint(field << 3) + varint(v)


def frame(pos, data):
    """The bytes that put one record at file offset pos: cut into chunks
    across blocks as the client cuts it."""
    out = bytearray()
    first = True
    while True:
        left = BLOCK - pos % BLOCK
        if left < 7:
            out += b"\0" * left
            pos += left
            continue
        n = min(len(data), left - 7)
        last = n == len(data)
        kind = (1 if last else 2) if first else (4 if last else 3)
        piece = data[:n]
        crc = zlib.crc32(bytes([kind]) + piece) & 0xFFFFFFFF
        out += struct.pack("<IHB", crc, n, kind) + piece
        pos += 7 + n
        data = data[n:]
        first = False
        if last:
            return bytes(out)
