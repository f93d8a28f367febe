"""Uploaded files as LuxSci clients describe them: the SHA-256 digests a client may have computed."""

from __future__ import annotations

import codecs
import hashlib

# Byte-order marks .NET's StreamReader recognises (longest first), with the codec it then decodes with.
BYTE_ORDER_MARKS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def attachment_hashes(content: bytes) -> set[str]:
    """Every SHA-256 a LuxSci client may have computed for an uploaded file.

    spec 00-mechanics §6: the C# and VB samples read the file as text before hashing it, which
    drops a byte-order mark. Accepted: the raw bytes, the bytes without a UTF-8/UTF-16 LE/BE BOM,
    and the text as .NET's StreamReader decodes it (BOM detection, U+FFFD for bad bytes)
    re-encoded as UTF-8 without a BOM. The stored file keeps its original bytes.
    """
    variants = [content, content.decode("utf-8", "replace").encode("utf-8")]
    codec = "utf-8"
    for bom, name in BYTE_ORDER_MARKS:
        if content.startswith(bom):
            variants.append(content[len(bom) :])
            codec, content = name, content[len(bom) :]
            break
    variants.append(content.decode(codec, "replace").encode("utf-8"))
    return {hashlib.sha256(v).hexdigest() for v in variants}
