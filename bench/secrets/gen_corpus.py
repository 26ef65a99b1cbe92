#!/usr/bin/env python3
"""Writes a labelled corpus for measuring secret scanners.

    gen_corpus.py OUTDIR [--seed S]

OUTDIR gets a tree of realistic project files (.env, YAML, JSON, Python, JS/TS,
Go, Java, Terraform, shell, Dockerfiles, Markdown, lock files, key files, ...)
and OUTDIR/labels.json, a list of

    {"path": "services/billing/.env", "line": 7, "end_line": 7,
     "kind": "github-pat", "positive": true, "category": "code-hosting"}

Positives are credentials written from the providers' documented formats
(prefixes, lengths, alphabets, checksums): tokens, connection strings, private
keys, credential files. Negatives are strings that look like secrets to a naive
scanner but are not: lock-file hashes, digests, UUIDs, placeholders, references
to environment variables, documentation example keys, public keys,
certificates, tokens with a wrong checksum, ...; their `category` is
"negative". A scanner's finding is a true positive when its file matches and
its line range overlaps a positive label; any other finding is a false
positive (bench/secrets-accuracy.py does the scoring).

Everything comes from one seeded random generator, so a seed gives a
byte-identical corpus. Private keys are real: RSA, DSA, P-256 and Ed25519 keys
are generated here (pure Python) and encoded in their standard formats (PKCS#1,
SEC1, PKCS#8, encrypted PKCS#8, OpenSSH, PuTTY, OpenPGP). None of them, and
none of the tokens, was ever issued by anyone. Python 3 standard library only.
"""

import argparse
import base64
import hashlib
import hmac
import json
import math
import os
import random
import string
import struct
import sys
import zlib

DIGITS = string.digits
HEX = "0123456789abcdef"
HEXU = "0123456789ABCDEF"
LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
ALNUM = string.digits + string.ascii_uppercase + string.ascii_lowercase  # base62 order
LOWER_ALNUM = string.digits + string.ascii_lowercase
UPPER_ALNUM = string.digits + string.ascii_uppercase
B64 = string.ascii_uppercase + string.ascii_lowercase + string.digits + "+/"
B64URL = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"
B32 = string.ascii_uppercase + "234567"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def rs(rng, n, alphabet=ALNUM):
    return "".join(rng.choice(alphabet) for _ in range(n))


def rbytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def b64(data):
    return base64.b64encode(data).decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def wrap(text, width):
    return [text[i:i + width] for i in range(0, len(text), width)]


def pem(label, der, headers=()):
    lines = [f"-----BEGIN {label}-----", *headers]
    if headers:
        lines.append("")
    lines += wrap(b64(der), 64)
    lines.append(f"-----END {label}-----")
    return "\n".join(lines)


def base62(n, width):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = ALNUM[r] + out
    return out.rjust(width, "0")


def crc32_b62(body):
    """The 6-character checksum of GitHub (and npm) tokens: CRC32 of the random
    part, in base62 (0-9A-Za-z), left-padded with '0'."""
    return base62(zlib.crc32(body.encode()) & 0xFFFFFFFF, 6)


def uuid4(rng):
    h = rs(rng, 32, HEX)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


# --- DER -------------------------------------------------------------------------


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def der_int(x):
    return der(0x02, x.to_bytes(max(1, (x.bit_length() + 8) // 8), "big"))


def der_seq(*items):
    return der(0x30, b"".join(items))


def der_set(*items):
    return der(0x31, b"".join(items))


def der_oid(dotted):
    parts = [int(p) for p in dotted.split(".")]
    body = bytearray([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.append(0x80 | (p & 0x7F))
            p >>= 7
        body += bytes(reversed(chunk))
    return der(0x06, bytes(body))


def der_octets(b):
    return der(0x04, b)


def der_bits(b):
    return der(0x03, b"\x00" + b)


DER_NULL = b"\x05\x00"
OID_RSA = "1.2.840.113549.1.1.1"
OID_SHA256_RSA = "1.2.840.113549.1.1.11"
OID_EC = "1.2.840.10045.2.1"
OID_P256 = "1.2.840.10045.3.1.7"
OID_ED25519 = "1.3.101.112"
OID_DSA = "1.2.840.10040.4.1"

# --- number theory -------------------------------------------------------------------

_SMALL_PRIMES = [p for p in range(3, 20000, 2) if all(p % q for q in range(3, int(p ** 0.5) + 1, 2))]
_SMALL_PRODUCT = 1
for _p in _SMALL_PRIMES:
    _SMALL_PRODUCT *= _p


def probable_prime(n, rng, rounds=6):
    """Miller-Rabin after a gcd with the product of the odd primes below 20,000. A
    few rounds are plenty for random candidates of this size."""
    if math.gcd(n, _SMALL_PRODUCT) != 1:
        return n in _SMALL_PRIMES
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        a = rng.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def random_prime(rng, bits):
    while True:
        c = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if probable_prime(c, rng):
            return c


class RSAKey:
    def __init__(self, rng, bits=2048):
        self.e = 65537
        while True:
            p, q = random_prime(rng, bits // 2), random_prime(rng, bits // 2)
            if p != q and (p - 1) % self.e and (q - 1) % self.e:
                break
        if p < q:
            p, q = q, p
        self.p, self.q, self.n = p, q, p * q
        self.d = pow(self.e, -1, (p - 1) * (q - 1))
        self.qi = pow(q, -1, p)

    def pkcs1(self):
        p, q, d = self.p, self.q, self.d
        return der_seq(*(der_int(x) for x in (0, self.n, self.e, d, p, q, d % (p - 1), d % (q - 1), self.qi)))

    def pkcs8(self):
        return der_seq(der_int(0), der_seq(der_oid(OID_RSA), DER_NULL), der_octets(self.pkcs1()))

    def spki(self):
        return der_seq(der_seq(der_oid(OID_RSA), DER_NULL), der_bits(der_seq(der_int(self.n), der_int(self.e))))

    def sign_sha256(self, data):
        prefix = bytes.fromhex("3031300d060960864801650304020105000420")
        t = prefix + hashlib.sha256(data).digest()
        k = (self.n.bit_length() + 7) // 8
        em = b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t
        return pow(int.from_bytes(em, "big"), self.d, self.n).to_bytes(k, "big")

    def ssh_public(self):
        return ssh_string(b"ssh-rsa") + ssh_mpint(self.e) + ssh_mpint(self.n)


# P-256
P256_P = 2 ** 256 - 2 ** 224 + 2 ** 192 + 2 ** 96 - 1
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P256_G = (0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
          0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5)


def _p256_add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    p = P256_P
    if a[0] == b[0]:
        if (a[1] + b[1]) % p == 0:
            return None
        m = (3 * a[0] * a[0] - 3) * pow(2 * a[1], p - 2, p) % p
    else:
        m = (b[1] - a[1]) * pow(b[0] - a[0], p - 2, p) % p
    x = (m * m - a[0] - b[0]) % p
    return x, (m * (a[0] - x) - a[1]) % p


def p256_mul(k, point=P256_G):
    acc = None
    while k:
        if k & 1:
            acc = _p256_add(acc, point)
        point = _p256_add(point, point)
        k >>= 1
    return acc


class ECKey:
    def __init__(self, rng):
        self.d = rng.randrange(1, P256_N)
        x, y = p256_mul(self.d)
        self.pub = b"\x04" + x.to_bytes(32, "big") + y.to_bytes(32, "big")

    def sec1(self, with_params=True):
        items = [der_int(1), der_octets(self.d.to_bytes(32, "big"))]
        if with_params:
            items.append(der(0xA0, der_oid(OID_P256)))
        items.append(der(0xA1, der_bits(self.pub)))
        return der_seq(*items)

    def pkcs8(self):
        return der_seq(der_int(0), der_seq(der_oid(OID_EC), der_oid(OID_P256)),
                       der_octets(self.sec1(with_params=False)))


# Ed25519 (RFC 8032 arithmetic, extended coordinates)
ED_P = 2 ** 255 - 19
ED_D = -121665 * pow(121666, ED_P - 2, ED_P) % ED_P
ED_BX = 15112221349535400772501151409588531511454012693041857206046113283949847762202
ED_BY = 46316835694926478169428394003475163141307993866256225615783033603165251855960
ED_B = (ED_BX, ED_BY, 1, ED_BX * ED_BY % ED_P)


def _ed_add(a, b):
    p = ED_P
    aa = (a[1] - a[0]) * (b[1] - b[0]) % p
    bb = (a[1] + a[0]) * (b[1] + b[0]) % p
    cc = 2 * a[3] * b[3] * ED_D % p
    dd = 2 * a[2] * b[2] % p
    e, f, g, h = bb - aa, dd - cc, dd + cc, bb + aa
    return e * f % p, g * h % p, f * g % p, e * h % p


class Ed25519Key:
    def __init__(self, rng):
        self.seed = rbytes(rng, 32)
        h = hashlib.sha512(self.seed).digest()
        a = int.from_bytes(h[:32], "little")
        a = (a & ((1 << 254) - 8)) | (1 << 254)
        acc, point = (0, 1, 1, 0), ED_B
        while a:
            if a & 1:
                acc = _ed_add(acc, point)
            point = _ed_add(point, point)
            a >>= 1
        zi = pow(acc[2], ED_P - 2, ED_P)
        x, y = acc[0] * zi % ED_P, acc[1] * zi % ED_P
        self.pub = (y | ((x & 1) << 255)).to_bytes(32, "little")

    def pkcs8(self):
        return der_seq(der_int(0), der_seq(der_oid(OID_ED25519)), der_octets(der_octets(self.seed)))

    def ssh_public(self):
        return ssh_string(b"ssh-ed25519") + ssh_string(self.pub)


class DSAKey:
    def __init__(self, rng):
        q = random_prime(rng, 160)
        while True:
            k = rng.getrandbits(1024 - 160) | (1 << (1024 - 161))
            k -= k % 2
            p = k * q + 1
            if p.bit_length() == 1024 and probable_prime(p, rng):
                break
        h = 2
        while pow(h, (p - 1) // q, p) == 1:
            h += 1
        self.p, self.q, self.g = p, q, pow(h, (p - 1) // q, p)
        self.x = rng.randrange(1, q)
        self.y = pow(self.g, self.x, p)

    def der(self):
        return der_seq(*(der_int(v) for v in (0, self.p, self.q, self.g, self.y, self.x)))


# --- SSH / PuTTY / OpenPGP encodings -----------------------------------------------


def ssh_string(b):
    return struct.pack(">I", len(b)) + b


def ssh_mpint(x):
    return ssh_string(x.to_bytes((x.bit_length() + 8) // 8, "big") if x else b"")


def openssh_private(rng, key, comment):
    """openssh-key-v1, unencrypted, as written by ssh-keygen."""
    check = rng.getrandbits(32)
    if isinstance(key, Ed25519Key):
        pub = key.ssh_public()
        priv = (ssh_string(b"ssh-ed25519") + ssh_string(key.pub) + ssh_string(key.seed + key.pub))
    else:
        pub = key.ssh_public()
        priv = (ssh_string(b"ssh-rsa") + ssh_mpint(key.n) + ssh_mpint(key.e) + ssh_mpint(key.d)
                + ssh_mpint(key.qi) + ssh_mpint(key.p) + ssh_mpint(key.q))
    section = struct.pack(">II", check, check) + priv + ssh_string(comment.encode())
    pad = 1
    while len(section) % 8:
        section += bytes([pad])
        pad += 1
    blob = (b"openssh-key-v1\x00" + ssh_string(b"none") + ssh_string(b"none") + ssh_string(b"")
            + struct.pack(">I", 1) + ssh_string(pub) + ssh_string(section))
    return "\n".join(["-----BEGIN OPENSSH PRIVATE KEY-----", *wrap(b64(blob), 70),
                      "-----END OPENSSH PRIVATE KEY-----"])


def ssh_public_line(key, comment):
    algo = "ssh-ed25519" if isinstance(key, Ed25519Key) else "ssh-rsa"
    return f"{algo} {b64(key.ssh_public())} {comment}"


def putty_v3(key, comment):
    """PuTTY-User-Key-File-3, unencrypted Ed25519 (MAC key is empty when unencrypted)."""
    public = key.ssh_public()
    private = ssh_string(key.seed)
    mac_data = (ssh_string(b"ssh-ed25519") + ssh_string(b"none") + ssh_string(comment.encode())
                + ssh_string(public) + ssh_string(private))
    mac = hmac.new(b"", mac_data, hashlib.sha256).hexdigest()
    pub_lines, priv_lines = wrap(b64(public), 64), wrap(b64(private), 64)
    return "\n".join(["PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none", f"Comment: {comment}",
                      f"Public-Lines: {len(pub_lines)}", *pub_lines,
                      f"Private-Lines: {len(priv_lines)}", *priv_lines, f"Private-MAC: {mac}"])


def crc24(data):
    crc = 0xB704CE
    for byte in data:
        crc ^= byte << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def pgp_packet(tag, body):
    """New-format OpenPGP packet header."""
    n = len(body)
    if n < 192:
        head = bytes([n])
    elif n < 8384:
        n -= 192
        head = bytes([(n >> 8) + 192, n & 0xFF])
    else:
        head = b"\xff" + struct.pack(">I", n)
    return bytes([0xC0 | tag]) + head + body


def pgp_mpi(x):
    return struct.pack(">H", x.bit_length()) + x.to_bytes((x.bit_length() + 7) // 8, "big")


def pgp_armor(label, data, version=None):
    lines = [f"-----BEGIN PGP {label}-----"]
    if version:
        lines.append(f"Comment: {version}")
    lines.append("")
    lines += wrap(b64(data), 64)
    lines.append("=" + b64(crc24(data).to_bytes(3, "big")))
    lines.append(f"-----END PGP {label}-----")
    return "\n".join(lines)


def pgp_rsa_keyblock(rng, key, uid, secret):
    created = struct.pack(">I", 1600000000 + rng.randrange(10 ** 8))
    public = b"\x04" + created + b"\x01" + pgp_mpi(key.n) + pgp_mpi(key.e)
    if secret:
        sec = pgp_mpi(key.d) + pgp_mpi(key.q) + pgp_mpi(key.p) + pgp_mpi(pow(key.q, -1, key.p))
        body = public + b"\x00" + sec + struct.pack(">H", sum(sec) & 0xFFFF)
        first = pgp_packet(5, body)
    else:
        first = pgp_packet(6, public)
    # The self-signature is opaque here: a v4 header and a real RSA signature over the key.
    sig_body = b"\x04\x13\x01\x08" + b"\x00\x00\x00\x00" + rbytes(rng, 2) + pgp_mpi(
        int.from_bytes(key.sign_sha256(public + uid.encode()), "big"))
    data = first + pgp_packet(13, uid.encode()) + pgp_packet(2, sig_body)
    return pgp_armor("PRIVATE KEY BLOCK" if secret else "PUBLIC KEY BLOCK", data)


# --- X.509 (negatives: certificates are public) ---------------------------------------


def der_name(cn, org):
    return der_seq(der_set(der_seq(der_oid("2.5.4.10"), der(0x0C, org.encode()))),
                   der_set(der_seq(der_oid("2.5.4.3"), der(0x0C, cn.encode()))))


def x509_cert(rng, key, cn, org, issuer_key=None, issuer=None):
    issuer_key = issuer_key or key
    issuer = issuer or (cn, org)
    year = 24 + rng.randrange(3)
    validity = der_seq(der(0x17, f"{year}0{rng.randrange(1, 10)}1{rng.randrange(10)}120000Z".encode()),
                       der(0x17, f"{year + 10}0{rng.randrange(1, 10)}1{rng.randrange(10)}120000Z".encode()))
    algo = der_seq(der_oid(OID_SHA256_RSA), DER_NULL)
    tbs = der_seq(der(0xA0, der_int(2)), der_int(rng.getrandbits(120)), algo, der_name(*issuer), validity,
                  der_name(cn, org), key.spki())
    return pem("CERTIFICATE", der_seq(tbs, algo, der_bits(issuer_key.sign_sha256(tbs))))


# --- misc encodings ------------------------------------------------------------------


def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def bech32(hrp, data):
    acc, bits, five = 0, 0, []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            five.append((acc >> bits) & 31)
    if bits:
        five.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = bech32_polymod(expanded + five + [0] * 6) ^ 1
    check = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in five + check)


def png(rng, w=8, h=8):
    def chunk(tag, body):
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + rbytes(rng, 3 * w) for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def jwt(rng, payload, key=None):
    if key is None:
        header = {"alg": "HS256", "typ": "JWT"}
        signing = f"{b64url(json.dumps(header, separators=(',', ':')).encode())}." \
                  f"{b64url(json.dumps(payload, separators=(',', ':')).encode())}"
        sig = hmac.new(rbytes(rng, 32), signing.encode(), hashlib.sha256).digest()
    else:
        header = {"alg": "RS256", "kid": b64url(rbytes(rng, 32)), "typ": "JWT"}
        signing = f"{b64url(json.dumps(header, separators=(',', ':')).encode())}." \
                  f"{b64url(json.dumps(payload, separators=(',', ':')).encode())}"
        sig = key.sign_sha256(signing.encode())
    return f"{signing}.{b64url(sig)}"


# --- token formats (positives) ----------------------------------------------------------
#
# Each generator takes the random generator and returns the secret value, or a list of
# (NAME, value) pairs that belong together on consecutive lines (an access key id and its
# secret, an account SID and its auth token): one label covers the whole group.


def github_classic(prefix, n=30):
    """ghp_/gho_/ghu_/ghs_: 30 random base62 characters and their checksum. Refresh tokens
    (ghr_) are longer: 76 characters in GitHub's documentation; the same checksum scheme
    is assumed over the first 70."""
    def gen(rng):
        body = rs(rng, n)
        return f"{prefix}{body}{crc32_b62(body)}"
    return gen


def github_fine_grained(rng):
    return f"github_pat_{rs(rng, 22)}_{rs(rng, 59)}"


def npm_token(rng):
    body = rs(rng, 30)
    return f"npm_{body}{crc32_b62(body)}"


def slack_bot(rng):
    return f"xoxb-{rs(rng, rng.choice([10, 11, 12]), DIGITS)}-{rs(rng, 13, DIGITS)}-{rs(rng, 24)}"


def slack_user(rng):
    return f"xoxp-{rs(rng, 11, DIGITS)}-{rs(rng, 12, DIGITS)}-{rs(rng, 13, DIGITS)}-{rs(rng, 32, HEX)}"


def slack_app(rng):
    return f"xapp-1-A{rs(rng, 10, UPPER_ALNUM)}-{rs(rng, 13, DIGITS)}-{rs(rng, 64, HEX)}"


def slack_webhook(rng):
    return (f"https://hooks.slack.com/services/T{rs(rng, 8, UPPER_ALNUM)}/B{rs(rng, 10, UPPER_ALNUM)}/"
            f"{rs(rng, 24)}")


def discord_bot(rng):
    user_id = str(rng.randrange(10 ** 17, 10 ** 19))
    return f"{b64url(user_id.encode())}.{rs(rng, 6, B64URL)}.{rs(rng, rng.choice([27, 38]), B64URL)}"


def discord_webhook(rng):
    return f"https://discord.com/api/webhooks/{rng.randrange(10 ** 17, 10 ** 19)}/{rs(rng, 68, B64URL)}"


def teams_webhook(rng):
    tenant = rng.choice(["acmecorp", "contoso", "northwind", "fabrikam"])
    url = (f"https://{tenant}.webhook.office.com/webhookb2/{uuid4(rng)}@{uuid4(rng)}/IncomingWebhook/"
           f"{rs(rng, 32, HEX)}/{uuid4(rng)}")
    if rng.random() < 0.5:
        url += f"/V2{rs(rng, 43, B64URL)}"
    return url


def telegram_bot(rng):
    return f"{rng.randrange(10 ** 8, 10 ** 10)}:AA{rs(rng, 33, B64URL)}"


def aws_pair(rng):
    key_id, secret = rng.choice([("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), ("AWS_ACCESS_KEY", "AWS_SECRET_KEY"),
                                 ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY")])
    return [(key_id, "AKIA" + rs(rng, 16, B32)), (secret, rs(rng, 40, B64))]


def aws_session(rng):
    token = "IQoJb3JpZ2luX2VjE" + rs(rng, rng.randrange(300, 600), B64) + "="
    return [("AWS_ACCESS_KEY_ID", "ASIA" + rs(rng, 16, B32)),
            ("AWS_SECRET_ACCESS_KEY", rs(rng, 40, B64)),
            ("AWS_SESSION_TOKEN", token)]


def azure_storage_conn(rng):
    account = rng.choice(["acmeprodlogs", "billingassets", "stdatalake01", "mediauploads"])
    if rng.random() < 0.5:
        key = b64(rbytes(rng, 64))
    else:  # identifiable storage key: +ASt signature
        key = rs(rng, 76, B64) + "+ASt" + rs(rng, 5, B64) + rng.choice("AQgw") + "=="
    return (f"DefaultEndpointsProtocol=https;AccountName={account};AccountKey={key};"
            f"EndpointSuffix=core.windows.net")


def azure_ad_secret(rng):
    return rs(rng, 3, ALNUM + "_~.") + rng.choice("78") + "Q~" + rs(rng, 34, ALNUM + "_~.-")


def azure_sas(rng):
    sig = b64(rbytes(rng, 32)).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    return (f"https://{rng.choice(['acmeprodlogs', 'exportsprod'])}.blob.core.windows.net/"
            f"{rng.choice(['exports', 'backups', 'uploads'])}?sv=2022-11-02&ss=b&srt=co&sp=rwdlacx"
            f"&se=2027-0{rng.randrange(1, 9)}-01T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig={sig}")


def azure_cosmos(rng):
    return (f"AccountEndpoint=https://{rng.choice(['orders-db', 'catalog-cosmos'])}.documents.azure.com:443/;"
            f"AccountKey={b64(rbytes(rng, 64))};")


def azure_servicebus(rng):
    return (f"Endpoint=sb://{rng.choice(['acme-events', 'billing-bus'])}.servicebus.windows.net/;"
            f"SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={b64(rbytes(rng, 32))}")


def azure_appconfig(rng):
    return (f"Endpoint=https://{rng.choice(['acme-config', 'platform-appcs'])}.azconfig.io;"
            f"Id={rs(rng, 4, ALNUM)}-l0-s0:{rs(rng, 20, ALNUM)};Secret={b64(rbytes(rng, 32))}")


def azure_acr(rng):
    return rs(rng, 42, B64) + "+ACR" + rs(rng, 6, ALNUM)


def gcp_api_key(rng):
    return "AIza" + rs(rng, 35, ALNUM + "-_")


def gcp_oauth_secret(rng):
    return "GOCSPX-" + rs(rng, 28, B64URL)


def gcp_refresh(rng):
    return "1//0" + rs(rng, 1, "3456gh") + rs(rng, rng.randrange(90, 100), B64URL)


def gcp_access(rng):
    return "ya29.a0" + rs(rng, rng.randrange(150, 200), B64URL)


def gcs_hmac(rng):
    return [("GCS_HMAC_ACCESS_ID", "GOOG1E" + rs(rng, 55, UPPER_ALNUM)),
            ("GCS_HMAC_SECRET", rs(rng, 40, B64))]


def alibaba_pair(rng):
    return [("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI" + rs(rng, 20, ALNUM)),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", rs(rng, 30, ALNUM))]


def tencent_pair(rng):
    return [("TENCENTCLOUD_SECRET_ID", "AKID" + rs(rng, 32, ALNUM)),
            ("TENCENTCLOUD_SECRET_KEY", rs(rng, 32, ALNUM))]


def scaleway_pair(rng):
    return [("SCW_ACCESS_KEY", "SCW" + rs(rng, 17, UPPER_ALNUM)), ("SCW_SECRET_KEY", uuid4(rng))]


def do_spaces_pair(rng):
    return [("SPACES_ACCESS_KEY_ID", "DO00" + rs(rng, 16, UPPER_ALNUM)),
            ("SPACES_SECRET_ACCESS_KEY", rs(rng, 43, B64))]


def ibm_cos_pair(rng):
    return [("COS_HMAC_ACCESS_KEY_ID", rs(rng, 32, HEX)), ("COS_HMAC_SECRET_ACCESS_KEY", rs(rng, 48, HEX))]


def twilio_api_key(rng):
    return [("TWILIO_API_KEY", "SK" + rs(rng, 32, HEX)), ("TWILIO_API_SECRET", rs(rng, 32, ALNUM))]


def twilio_account(rng):
    return [("TWILIO_ACCOUNT_SID", "AC" + rs(rng, 32, HEX)), ("TWILIO_AUTH_TOKEN", rs(rng, 32, HEX))]


def datadog_pair(rng):
    api, app = rng.choice([("DD_API_KEY", "DD_APP_KEY"), ("DATADOG_API_KEY", "DATADOG_APP_KEY")])
    return [(api, rs(rng, 32, HEX)), (app, rs(rng, 40, HEX))]


def razorpay_pair(rng):
    return [("RAZORPAY_KEY_ID", "rzp_live_" + rs(rng, 14, ALNUM)), ("RAZORPAY_KEY_SECRET", rs(rng, 24, ALNUM))]


def akamai_pair(rng):
    return [("AKAMAI_CLIENT_TOKEN", f"akab-{rs(rng, 16, LOWER_ALNUM)}-{rs(rng, 16, LOWER_ALNUM)}"),
            ("AKAMAI_CLIENT_SECRET", b64(rbytes(rng, 32))),
            ("AKAMAI_ACCESS_TOKEN", f"akab-{rs(rng, 16, LOWER_ALNUM)}-{rs(rng, 16, LOWER_ALNUM)}")]


def stripe_live(prefix):
    def gen(rng):
        return f"{prefix}51{rs(rng, 12, ALNUM)}{rs(rng, rng.choice([85, 86]), ALNUM)}"
    return gen


def square_token(rng):
    return "EAAA" + rs(rng, 60, B64URL)


def braintree(rng):
    return f"access_token$production${rs(rng, 16, LOWER_ALNUM)}${rs(rng, 32, HEX)}"


def sendgrid(rng):
    return f"SG.{rs(rng, 22, B64URL)}.{rs(rng, 43, B64URL)}"


def mailchimp(rng):
    return f"{rs(rng, 32, HEX)}-us{rng.randrange(1, 22)}"


def pypi_token(rng):
    ident = uuid4(rng).encode()
    macaroon = (b"\x02\x01\x08pypi.org\x02\x24" + ident + b"\x00\x02\x06" + bytes([rng.randrange(20, 60)])
                + rbytes(rng, rng.randrange(30, 80)) + b"\x00\x00\x06\x20" + rbytes(rng, 32))
    return "pypi-" + b64url(macaroon)


def openai_project(kind):
    def gen(rng):
        return f"sk-{kind}-{rs(rng, 74, B64URL)}T3BlbkFJ{rs(rng, 74, B64URL)}"
    return gen


def openai_legacy(rng):
    return f"sk-{rs(rng, 20, ALNUM)}T3BlbkFJ{rs(rng, 20, ALNUM)}"


def anthropic(kind):
    def gen(rng):
        return f"sk-ant-{kind}-{rs(rng, 93, B64URL)}AA"
    return gen


def atlassian(rng):
    return "ATATT3xFfGF0" + rs(rng, 171, B64URL) + "=" + rs(rng, 8, HEXU)


def postman(rng):
    return f"PMAK-{rs(rng, 24, HEX)}-{rs(rng, 34, HEX)}"


def tfc_token(rng):
    return f"{rs(rng, 14, LOWER_ALNUM)}.atlasv1.{rs(rng, 67, LOWER_ALNUM + '-_=')}"


def vault_token(rng):
    return "hvs.CAESI" + rs(rng, 86, B64URL)


def age_secret(rng):
    return bech32("age-secret-key-", rbytes(rng, 32)).upper()


def dynatrace(rng):
    return f"dt0c01.{rs(rng, 24, UPPER_ALNUM)}.{rs(rng, 64, UPPER_ALNUM)}"


def mapbox_secret(rng):
    payload = b64url(json.dumps({"u": rng.choice(["acme-maps", "fleetops"]), "a": rs(rng, 12, LOWER_ALNUM)},
                                separators=(",", ":")).encode())
    return f"sk.{payload}.{rs(rng, 22, B64URL)}"


def grafana_cloud(rng):
    payload = {"o": str(rng.randrange(10 ** 5, 10 ** 6)), "n": f"stack-{rng.randrange(10 ** 5, 10 ** 6)}-hm-write",
               "k": rs(rng, 24, ALNUM), "m": {"r": rng.choice(["prod-eu-west-2", "prod-us-east-0"])}}
    return "glc_" + b64(json.dumps(payload, separators=(",", ":")).encode())


def grafana_sa(rng):
    body = rs(rng, 32, ALNUM)
    return f"glsa_{body}_{rs(rng, 8, HEX)}"


def sentry_org(rng):
    payload = {"iat": 1700000000 + rng.randrange(10 ** 7), "url": "https://sentry.io",
               "region_url": "https://us.sentry.io", "org": rng.choice(["acme", "fleetops", "northwind"])}
    return f"sntrys_{b64(json.dumps(payload, separators=(',', ':')).encode()).rstrip('=')}_{rs(rng, 43, B64)}"


def sentry_dsn_secret(rng):
    return f"https://{rs(rng, 32, HEX)}:{rs(rng, 32, HEX)}@sentry.acme-internal.io/{rng.randrange(2, 90)}"


def asana_pat(rng):
    return f"2/{rs(rng, 16, DIGITS)}/{rs(rng, 16, DIGITS)}:{rs(rng, 32, HEX)}"


def twitter_bearer(rng):
    return "A" * 22 + rs(rng, 20, ALNUM) + "%2B" + rs(rng, 10, ALNUM) + "%3D" + rs(rng, 50, ALNUM)


def intercom(rng):
    return b64(f"tok:{uuid4(rng)}:1:0".encode())


def elastic_api_key(rng):
    return b64(f"{rs(rng, 20, B64URL)}:{rs(rng, 22, B64URL)}".encode())


def kubeadm_token(rng):
    return f"{rs(rng, 6, LOWER_ALNUM)}.{rs(rng, 16, LOWER_ALNUM)}"


def tailscale(rng):
    return f"tskey-auth-k{rs(rng, 10, ALNUM)}CNTRL-{rs(rng, 33, ALNUM)}"


def artifactory_ref(rng):
    return b64url(f"reftkn:01:{2000000000 + rng.randrange(10 ** 8)}:{rs(rng, 32, ALNUM)}".encode())


def jwt_token(rng):
    now = 1735689600 + rng.randrange(10 ** 7)
    payload = rng.choice([
        {"sub": str(rng.randrange(10 ** 6)), "role": "service", "iat": now, "exp": now + 31536000},
        {"iss": "https://auth.acme-internal.io", "aud": "billing-api", "sub": uuid4(rng), "scope": "read write",
         "iat": now, "exp": now + 86400 * 365},
        {"role": "service_role", "iss": "supabase", "ref": rs(rng, 20, LOWER), "iat": now, "exp": now + 10 ** 8},
    ])
    return jwt(rng, payload)


# Database and service URLs with an inline password.
def password_value(rng, length=None):
    length = length or rng.randrange(14, 26)
    alphabet = ALNUM * 3 + "!#%^*-_+=.~"
    while True:
        value = rs(rng, length, alphabet)
        if (any(c.isdigit() for c in value) and any(c.isupper() for c in value)
                and any(c.islower() for c in value) and value[0].isalnum()):
            return value


def url_password(rng):
    return password_value(rng).replace("%", "").replace("#", "").replace("^", "")


def db_url(scheme, hosts, db=True, port=None):
    def gen(rng):
        user = rng.choice(["app", "billing", "svc_orders", "admin", "reporting", "etl"])
        host = rng.choice(hosts)
        suffix = f":{port}" if port else ""
        path = f"/{rng.choice(['orders', 'billing', 'app', 'analytics'])}" if db else ""
        s = scheme(rng) if callable(scheme) else scheme
        return f"{s}://{user}:{url_password(rng)}@{host}{suffix}{path}"
    return gen


def redis_url(rng):
    scheme = rng.choice(["redis", "rediss"])
    return f"{scheme}://:{url_password(rng)}@{rng.choice(['cache.internal', 'redis-master.prod.svc'])}:6379/0"


def jdbc_url(rng):
    return (f"jdbc:postgresql://{rng.choice(['pg-primary.internal', 'db.prod.acme.io'])}:5432/"
            f"{rng.choice(['orders', 'billing'])}?user=app&password={url_password(rng)}&ssl=true")


def mssql_conn(rng):
    return (f"Server=tcp:{rng.choice(['acme-sql', 'orders-sql'])}.database.windows.net,1433;Initial Catalog=orders;"
            f"User ID=appuser;Password={url_password(rng)};Encrypt=True;")


def snowflake_url(rng):
    return f"snowflake://etl_user:{url_password(rng)}@acme-{rs(rng, 7, LOWER)}/analytics/public?warehouse=etl_wh"


def basic_auth_url(rng):
    return (f"https://{rng.choice(['deploy', 'ci-bot', 'grafana'])}:{url_password(rng)}@"
            f"{rng.choice(['nexus.acme-internal.io', 'registry.acme-internal.io', 'grafana.acme.io'])}"
            f"{rng.choice(['/repository/maven-releases/', '/', '/api/dashboards'])}")


def git_url_token(rng):
    return rng.choice([
        lambda: f"https://x-access-token:{github_classic('ghs_')(rng)}@github.com/acme/{rng.choice(['infra', 'billing'])}.git",
        lambda: f"https://oauth2:glpat-{rs(rng, 20, B64URL)}@gitlab.com/acme/{rng.choice(['platform', 'web'])}.git",
        lambda: f"https://acme-ci:{github_classic('ghp_')(rng)}@github.com/acme/deploy-config.git",
    ])()


# Generic secrets assigned to a secret-looking name.
def generic_api_key(rng):
    return rng.choice([rs(rng, 32, HEX), rs(rng, 40, ALNUM), rs(rng, 48, ALNUM), b64(rbytes(rng, 30))])


def django_key(rng):
    return rs(rng, 50, LOWER + DIGITS + "!@#%^&*(-_=+)")


def laravel_key(rng):
    return "base64:" + b64(rbytes(rng, 32))


def hex_key(n):
    return lambda rng: rs(rng, n, HEX)


def prefixed(prefix, n, alphabet=ALNUM):
    return lambda rng: prefix + rs(rng, n, alphabet)


def uuid_value(rng):
    return uuid4(rng)


# --- the positive kinds ---------------------------------------------------------------------


class Kind:
    """A positive format: how to make a value and which names it is assigned to."""

    def __init__(self, name, category, gen, names=(), n=3, hosts=None, block=False):
        self.name, self.category, self.gen, self.names, self.n = name, category, gen, list(names), n
        self.hosts, self.block = hosts, block


def _kinds():
    k = Kind
    gl = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    letters = string.ascii_letters
    return [
        # code hosting
        k("github-pat", "code-hosting", github_classic("ghp_"), ["GITHUB_TOKEN", "GH_TOKEN", "GITHUB_PAT", "GITHUB_ACCESS_TOKEN"], 8),
        k("github-oauth-token", "code-hosting", github_classic("gho_"), ["GITHUB_OAUTH_TOKEN", "GH_OAUTH_TOKEN"], 4),
        k("github-user-to-server-token", "code-hosting", github_classic("ghu_"), ["GITHUB_APP_USER_TOKEN", "GITHUB_USER_TOKEN"], 3),
        k("github-server-to-server-token", "code-hosting", github_classic("ghs_"), ["GITHUB_INSTALLATION_TOKEN", "GITHUB_APP_TOKEN"], 3),
        k("github-refresh-token", "code-hosting", github_classic("ghr_", 70), ["GITHUB_REFRESH_TOKEN"], 3),
        k("github-fine-grained-pat", "code-hosting", github_fine_grained, ["GITHUB_TOKEN", "GH_PAT", "RELEASE_TOKEN"], 5),
        k("gitlab-pat", "code-hosting", prefixed("glpat-", 20, gl), ["GITLAB_TOKEN", "GITLAB_PRIVATE_TOKEN", "CI_JOB_PAT"], 5),
        k("gitlab-pipeline-trigger-token", "code-hosting", prefixed("glptt-", 40, HEX), ["GITLAB_TRIGGER_TOKEN"], 3),
        k("gitlab-runner-token", "code-hosting", prefixed("glrt-", 20, gl), ["RUNNER_TOKEN", "CI_RUNNER_TOKEN"], 3),
        k("gitlab-runner-registration-token", "code-hosting", prefixed("GR1348941", 20, gl), ["REGISTRATION_TOKEN"], 2),
        k("gitlab-deploy-token", "code-hosting", prefixed("gldt-", 20, gl), ["GITLAB_DEPLOY_TOKEN"], 3),
        k("bitbucket-app-password", "code-hosting", prefixed("ATBB", 32), ["BITBUCKET_APP_PASSWORD", "BB_APP_PASSWORD"], 3),
        k("atlassian-api-token", "code-hosting", atlassian, ["JIRA_API_TOKEN", "CONFLUENCE_API_TOKEN", "ATLASSIAN_TOKEN"], 4),
        k("git-url-credentials", "code-hosting", git_url_token, ["GIT_REMOTE_URL", "REPO_URL", "CONFIG_REPO"], 4),
        # package registries
        k("npm-token", "package-registry", npm_token, ["NPM_TOKEN", "NODE_AUTH_TOKEN", "NPM_PUBLISH_TOKEN"], 6),
        k("pypi-token", "package-registry", pypi_token, ["PYPI_API_TOKEN", "TWINE_PASSWORD", "PYPI_TOKEN"], 4),
        k("rubygems-api-key", "package-registry", prefixed("rubygems_", 48, HEX), ["GEM_HOST_API_KEY", "RUBYGEMS_API_KEY"], 3),
        k("nuget-api-key", "package-registry", prefixed("oy2", 43, LOWER_ALNUM), ["NUGET_API_KEY"], 3),
        k("dockerhub-pat", "package-registry", prefixed("dckr_pat_", 27, B64URL),
          ["DOCKERHUB_TOKEN", "DOCKER_PASSWORD", "REGISTRY_TOKEN"], 4),
        k("cratesio-token", "package-registry", prefixed("cio", 32), ["CARGO_REGISTRY_TOKEN", "CRATES_IO_TOKEN"], 3),
        k("clojars-token", "package-registry", prefixed("CLOJARS_", 60, LOWER_ALNUM), ["CLOJARS_PASSWORD", "CLOJARS_TOKEN"], 2),
        k("jfrog-api-key", "package-registry", prefixed("AKCp", 69), ["ARTIFACTORY_API_KEY", "JFROG_API_KEY"], 3),
        k("jfrog-reference-token", "package-registry", artifactory_ref, ["JFROG_ACCESS_TOKEN", "ARTIFACTORY_TOKEN"], 2),
        # cloud
        k("aws-access-key", "cloud", aws_pair, n=8),
        k("aws-session-credentials", "cloud", aws_session, n=3),
        k("aws-mws-token", "cloud", lambda r: "amzn.mws." + uuid4(r), ["MWS_AUTH_TOKEN"], 2),
        k("gcp-api-key", "cloud", gcp_api_key, ["GOOGLE_API_KEY", "FIREBASE_API_KEY", "GOOGLE_MAPS_API_KEY", "GEMINI_API_KEY"], 5),
        k("gcp-oauth-client-secret", "cloud", gcp_oauth_secret, ["GOOGLE_CLIENT_SECRET", "OAUTH_CLIENT_SECRET"], 3),
        k("gcp-oauth-refresh-token", "cloud", gcp_refresh, ["GOOGLE_REFRESH_TOKEN", "GDRIVE_REFRESH_TOKEN"], 2),
        k("gcp-oauth-access-token", "cloud", gcp_access, ["GOOGLE_ACCESS_TOKEN"], 2),
        k("gcs-hmac-key", "cloud", gcs_hmac, n=2),
        k("azure-storage-connection-string", "cloud", azure_storage_conn,
          ["AZURE_STORAGE_CONNECTION_STRING", "STORAGE_CONNECTION", "BLOB_CONNECTION_STRING"], 5),
        k("azure-ad-client-secret", "cloud", azure_ad_secret, ["AZURE_CLIENT_SECRET", "ARM_CLIENT_SECRET", "AAD_CLIENT_SECRET"], 5),
        k("azure-sas-url", "cloud", azure_sas, ["AZURE_BLOB_SAS_URL", "EXPORT_CONTAINER_URL"], 3),
        k("azure-cosmos-connection-string", "cloud", azure_cosmos, ["COSMOS_CONNECTION_STRING", "COSMOSDB_CONNECTION"], 3),
        k("azure-servicebus-connection-string", "cloud", azure_servicebus, ["SERVICEBUS_CONNECTION_STRING", "EVENTS_CONNECTION"], 3),
        k("azure-appconfig-connection-string", "cloud", azure_appconfig, ["APPCONFIG_CONNECTION_STRING"], 2),
        k("azure-container-registry-password", "cloud", azure_acr, ["ACR_PASSWORD", "AZURE_REGISTRY_PASSWORD"], 2),
        k("azure-devops-pat", "cloud", lambda r: rs(r, 52, "abcdefghijklmnopqrstuvwxyz234567"),
          ["AZURE_DEVOPS_EXT_PAT", "AZDO_PERSONAL_ACCESS_TOKEN", "ADO_PAT"], 3),
        k("digitalocean-pat", "cloud", prefixed("dop_v1_", 64, HEX), ["DIGITALOCEAN_TOKEN", "DO_TOKEN"], 4),
        k("digitalocean-oauth-token", "cloud", prefixed("doo_v1_", 64, HEX), ["DIGITALOCEAN_ACCESS_TOKEN"], 2),
        k("digitalocean-refresh-token", "cloud", prefixed("dor_v1_", 64, HEX), ["DO_REFRESH_TOKEN"], 2),
        k("digitalocean-spaces-key", "cloud", do_spaces_pair, n=2),
        k("alibaba-access-key", "cloud", alibaba_pair, n=4),
        k("tencent-cloud-secret", "cloud", tencent_pair, n=2),
        k("ibm-cloud-api-key", "cloud", lambda r: rs(r, 44, B64URL), ["IBMCLOUD_API_KEY", "IC_API_KEY"], 3),
        k("ibm-cos-hmac-key", "cloud", ibm_cos_pair, n=2),
        k("scaleway-key", "cloud", scaleway_pair, n=2),
        k("yandex-api-key", "cloud", prefixed("AQVN", 36, B64URL), ["YC_API_KEY", "YANDEX_API_KEY"], 2),
        k("linode-token", "cloud", hex_key(64), ["LINODE_TOKEN", "LINODE_API_TOKEN"], 2),
        k("hetzner-token", "cloud", prefixed("", 64), ["HCLOUD_TOKEN"], 2),
        k("vultr-api-key", "cloud", prefixed("", 36, UPPER_ALNUM), ["VULTR_API_KEY"], 2),
        k("cloudflare-api-token", "cloud", prefixed("", 40, B64URL), ["CLOUDFLARE_API_TOKEN", "CF_API_TOKEN"], 3),
        k("cloudflare-global-api-key", "cloud", hex_key(37), ["CLOUDFLARE_API_KEY", "CF_API_KEY"], 2),
        k("cloudflare-origin-ca-key", "cloud", lambda r: f"v1.0-{rs(r, 24, HEX)}-{rs(r, 146, HEX)}", ["CF_ORIGIN_CA_KEY"], 2),
        k("akamai-edgegrid", "cloud", akamai_pair, n=2),
        k("heroku-api-key", "cloud", prefixed("HRKU-AA", 58, B64URL), ["HEROKU_API_KEY"], 3),
        k("heroku-api-key-legacy", "cloud", uuid_value, ["HEROKU_API_KEY", "HEROKU_AUTH_TOKEN"], 2),
        # infrastructure and CI
        k("vault-token", "devops", vault_token, ["VAULT_TOKEN"], 4),
        k("terraform-cloud-token", "devops", tfc_token, ["TFE_TOKEN", "TF_TOKEN_app_terraform_io", "TF_API_TOKEN"], 3),
        k("doppler-personal-token", "devops", prefixed("dp.pt.", 43), ["DOPPLER_TOKEN"], 2),
        k("doppler-service-token", "devops", prefixed("dp.st.prd.", 40), ["DOPPLER_TOKEN", "DOPPLER_SERVICE_TOKEN"], 2),
        k("pulumi-access-token", "devops", prefixed("pul-", 40, HEX), ["PULUMI_ACCESS_TOKEN"], 3),
        k("age-secret-key", "devops", age_secret, ["SOPS_AGE_KEY", "AGE_SECRET_KEY"], 3),
        k("circleci-token", "devops", lambda r: f"CCIPAT_{rs(r, 22)}_{rs(r, 40, HEX)}", ["CIRCLECI_TOKEN", "CIRCLE_TOKEN"], 2),
        k("buildkite-token", "devops", prefixed("bkua_", 40, HEX), ["BUILDKITE_API_TOKEN"], 2),
        k("sonarqube-token", "devops", prefixed("squ_", 40, HEX), ["SONAR_TOKEN"], 2),
        k("tailscale-auth-key", "devops", tailscale, ["TS_AUTHKEY", "TAILSCALE_AUTHKEY"], 2),
        k("flyio-token", "devops", prefixed("fo1_", 43, B64URL), ["FLY_API_TOKEN"], 2),
        k("render-api-key", "devops", prefixed("rnd_", 32), ["RENDER_API_KEY"], 2),
        k("vercel-token", "devops", prefixed("", 24), ["VERCEL_TOKEN"], 2),
        k("kubeadm-bootstrap-token", "devops", kubeadm_token, ["KUBEADM_TOKEN", "JOIN_TOKEN"], 2),
        k("snyk-token", "devops", uuid_value, ["SNYK_TOKEN"], 2),
        k("databricks-token", "devops", prefixed("dapi", 32, HEX), ["DATABRICKS_TOKEN"], 3),
        # communication and email
        k("slack-bot-token", "communication", slack_bot, ["SLACK_BOT_TOKEN", "SLACK_TOKEN"], 5),
        k("slack-user-token", "communication", slack_user, ["SLACK_USER_TOKEN", "SLACK_TOKEN"], 3),
        k("slack-app-token", "communication", slack_app, ["SLACK_APP_TOKEN"], 2),
        k("slack-webhook", "communication", slack_webhook, ["SLACK_WEBHOOK_URL", "ALERTS_WEBHOOK"], 5),
        k("discord-bot-token", "communication", discord_bot, ["DISCORD_BOT_TOKEN", "DISCORD_TOKEN"], 3),
        k("discord-webhook", "communication", discord_webhook, ["DISCORD_WEBHOOK_URL"], 3),
        k("teams-webhook", "communication", teams_webhook, ["TEAMS_WEBHOOK_URL", "MSTEAMS_WEBHOOK"], 3),
        k("telegram-bot-token", "communication", telegram_bot, ["TELEGRAM_BOT_TOKEN", "TG_BOT_TOKEN"], 3),
        k("twilio-api-key", "communication", twilio_api_key, n=3),
        k("twilio-auth-token", "communication", twilio_account, n=3),
        k("sendgrid-api-key", "communication", sendgrid, ["SENDGRID_API_KEY", "SMTP_PASSWORD"], 4),
        k("mailgun-api-key", "communication", prefixed("key-", 32, HEX), ["MAILGUN_API_KEY"], 3),
        k("mailchimp-api-key", "communication", mailchimp, ["MAILCHIMP_API_KEY"], 3),
        k("brevo-api-key", "communication", lambda r: f"xkeysib-{rs(r, 64, HEX)}-{rs(r, 16)}", ["BREVO_API_KEY", "SENDINBLUE_API_KEY"], 2),
        k("postmark-server-token", "communication", uuid_value, ["POSTMARK_SERVER_TOKEN", "POSTMARK_API_TOKEN"], 2),
        # payments
        k("stripe-secret-key", "payment", stripe_live("sk_live_"), ["STRIPE_SECRET_KEY", "STRIPE_API_KEY", "STRIPE_KEY"], 5),
        k("stripe-restricted-key", "payment", stripe_live("rk_live_"), ["STRIPE_RESTRICTED_KEY", "STRIPE_KEY"], 3),
        k("stripe-webhook-secret", "payment", prefixed("whsec_", 32), ["STRIPE_WEBHOOK_SECRET"], 3),
        k("square-access-token", "payment", square_token, ["SQUARE_ACCESS_TOKEN"], 2),
        k("square-oauth-token", "payment", prefixed("sq0atp-", 22, B64URL), ["SQUARE_OAUTH_TOKEN"], 2),
        k("square-oauth-secret", "payment", prefixed("sq0csp-", 43, B64URL), ["SQUARE_APPLICATION_SECRET"], 2),
        k("braintree-access-token", "payment", braintree, ["BRAINTREE_ACCESS_TOKEN", "PAYPAL_ACCESS_TOKEN"], 3),
        k("paypal-client-secret", "payment", lambda r: "E" + rs(r, 79, B64URL), ["PAYPAL_CLIENT_SECRET"], 2),
        k("flutterwave-secret-key", "payment", lambda r: f"FLWSECK-{rs(r, 32, HEX)}-X", ["FLW_SECRET_KEY"], 2),
        k("razorpay-key", "payment", razorpay_pair, n=2),
        k("shippo-token", "payment", prefixed("shippo_live_", 40, HEX), ["SHIPPO_API_TOKEN"], 2),
        k("easypost-api-key", "payment", prefixed("EZAK", 54), ["EASYPOST_API_KEY"], 2),
        # observability
        k("datadog-api-key", "observability", datadog_pair, n=4),
        k("newrelic-user-api-key", "observability", prefixed("NRAK-", 27, UPPER_ALNUM), ["NEW_RELIC_API_KEY", "NEWRELIC_API_KEY"], 3),
        k("newrelic-insert-key", "observability", prefixed("NRII-", 32, B64URL), ["NEW_RELIC_INSERT_KEY"], 2),
        k("newrelic-license-key", "observability", lambda r: rs(r, 36, HEX) + "NRAL", ["NEW_RELIC_LICENSE_KEY"], 2),
        k("sentry-org-token", "observability", sentry_org, ["SENTRY_AUTH_TOKEN"], 2),
        k("sentry-user-token", "observability", prefixed("sntryu_", 64, HEX), ["SENTRY_AUTH_TOKEN", "SENTRY_TOKEN"], 2),
        k("sentry-dsn-with-secret", "observability", sentry_dsn_secret, ["SENTRY_DSN"], 2),
        k("grafana-service-account-token", "observability", grafana_sa, ["GRAFANA_TOKEN", "GRAFANA_SA_TOKEN"], 3),
        k("grafana-cloud-token", "observability", grafana_cloud, ["GRAFANA_CLOUD_TOKEN", "GRAFANA_CLOUD_API_KEY"], 2),
        k("dynatrace-token", "observability", dynatrace, ["DT_API_TOKEN", "DYNATRACE_API_TOKEN"], 2),
        k("honeycomb-ingest-key", "observability", prefixed("hcaik_", 58, LOWER_ALNUM), ["HONEYCOMB_API_KEY"], 2),
        k("splunk-hec-token", "observability", uuid_value, ["SPLUNK_HEC_TOKEN"], 2),
        k("rollbar-token", "observability", hex_key(32), ["ROLLBAR_ACCESS_TOKEN"], 2),
        k("elastic-api-key", "observability", elastic_api_key, ["ELASTIC_API_KEY", "ES_API_KEY"], 2),
        k("launchdarkly-sdk-key", "observability", lambda r: "sdk-" + uuid4(r), ["LAUNCHDARKLY_SDK_KEY", "LD_SDK_KEY"], 2),
        # AI
        k("openai-project-key", "ai", openai_project("proj"), ["OPENAI_API_KEY"], 4),
        k("openai-service-account-key", "ai", openai_project("svcacct"), ["OPENAI_API_KEY", "OPENAI_KEY"], 2),
        k("openai-admin-key", "ai", openai_project("admin"), ["OPENAI_ADMIN_KEY"], 2),
        k("openai-legacy-key", "ai", openai_legacy, ["OPENAI_API_KEY", "OPENAI_KEY"], 2),
        k("anthropic-api-key", "ai", anthropic("api03"), ["ANTHROPIC_API_KEY", "CLAUDE_API_KEY"], 4),
        k("anthropic-admin-key", "ai", anthropic("admin01"), ["ANTHROPIC_ADMIN_KEY"], 2),
        k("huggingface-token", "ai", prefixed("hf_", 34, letters), ["HF_TOKEN", "HUGGINGFACE_TOKEN", "HUGGING_FACE_HUB_TOKEN"], 4),
        k("groq-api-key", "ai", prefixed("gsk_", 52), ["GROQ_API_KEY"], 2),
        k("replicate-token", "ai", prefixed("r8_", 37), ["REPLICATE_API_TOKEN"], 2),
        k("perplexity-api-key", "ai", prefixed("pplx-", 48), ["PERPLEXITY_API_KEY"], 2),
        k("xai-api-key", "ai", prefixed("xai-", 80), ["XAI_API_KEY"], 2),
        k("langsmith-api-key", "ai", lambda r: f"lsv2_pt_{rs(r, 32, HEX)}_{rs(r, 10, HEX)}", ["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"], 2),
        # SaaS
        k("shopify-access-token", "saas", prefixed("shpat_", 32, HEX), ["SHOPIFY_ACCESS_TOKEN", "SHOPIFY_ADMIN_TOKEN"], 3),
        k("shopify-shared-secret", "saas", prefixed("shpss_", 32, HEX), ["SHOPIFY_API_SECRET"], 2),
        k("shopify-custom-app-token", "saas", prefixed("shpca_", 32, HEX), ["SHOPIFY_TOKEN"], 2),
        k("shopify-private-app-password", "saas", prefixed("shppa_", 32, HEX), ["SHOPIFY_PASSWORD"], 2),
        k("linear-api-key", "saas", prefixed("lin_api_", 40), ["LINEAR_API_KEY"], 2),
        k("postman-api-key", "saas", postman, ["POSTMAN_API_KEY"], 2),
        k("airtable-pat", "saas", lambda r: f"pat{rs(r, 14)}.{rs(r, 64, HEX)}", ["AIRTABLE_TOKEN", "AIRTABLE_API_KEY"], 2),
        k("notion-token", "saas", lambda r: f"ntn_{rs(r, 11, DIGITS)}{rs(r, 35)}", ["NOTION_TOKEN", "NOTION_API_KEY"], 2),
        k("notion-token-legacy", "saas", prefixed("secret_", 43), ["NOTION_TOKEN"], 2),
        k("figma-token", "saas", prefixed("figd_", 40, B64URL), ["FIGMA_TOKEN"], 2),
        k("contentful-pat", "saas", prefixed("CFPAT-", 43, B64URL), ["CONTENTFUL_MANAGEMENT_TOKEN"], 2),
        k("asana-pat", "saas", asana_pat, ["ASANA_TOKEN", "ASANA_PAT"], 2),
        k("hubspot-private-app-token", "saas", lambda r: "pat-na1-" + uuid4(r), ["HUBSPOT_ACCESS_TOKEN"], 2),
        k("intercom-token", "saas", intercom, ["INTERCOM_ACCESS_TOKEN"], 2),
        k("twitter-bearer-token", "saas", twitter_bearer, ["TWITTER_BEARER_TOKEN", "X_BEARER_TOKEN"], 2),
        k("dropbox-token", "saas", prefixed("sl.B", 136, B64URL), ["DROPBOX_ACCESS_TOKEN"], 2),
        k("okta-api-token", "saas", prefixed("00", 40, B64URL), ["OKTA_API_TOKEN", "OKTA_CLIENT_TOKEN"], 2),
        k("auth0-client-secret", "saas", lambda r: rs(r, 64, B64URL), ["AUTH0_CLIENT_SECRET"], 2),
        k("algolia-admin-key", "saas", hex_key(32), ["ALGOLIA_ADMIN_API_KEY", "ALGOLIA_ADMIN_KEY"], 2),
        k("mapbox-secret-token", "saas", mapbox_secret, ["MAPBOX_SECRET_TOKEN", "MAPBOX_DOWNLOADS_TOKEN"], 2),
        k("readme-api-key", "saas", prefixed("rdme_", 70, LOWER_ALNUM), ["README_API_KEY"], 2),
        k("sourcegraph-token", "saas", prefixed("sgp_", 40, HEX), ["SRC_ACCESS_TOKEN"], 2),
        k("prefect-api-key", "saas", prefixed("pnu_", 36), ["PREFECT_API_KEY"], 2),
        k("supabase-access-token", "saas", prefixed("sbp_", 40, HEX), ["SUPABASE_ACCESS_TOKEN"], 2),
        k("planetscale-token", "saas", prefixed("pscale_tkn_", 43, B64URL), ["PLANETSCALE_SERVICE_TOKEN"], 2),
        k("planetscale-password", "saas", prefixed("pscale_pw_", 43, B64URL), ["DATABASE_PASSWORD", "PSCALE_PASSWORD"], 2),
        k("neon-api-key", "saas", prefixed("napi_", 64, LOWER_ALNUM), ["NEON_API_KEY"], 2),
        # databases and service URLs
        k("postgres-url", "database", db_url(rng_choice("postgres", "postgresql", "postgresql+asyncpg"),
          ["db.internal", "pg-primary.prod.svc.cluster.local", "orders-db.c9akciq32.eu-west-1.rds.amazonaws.com"], port=5432),
          ["DATABASE_URL", "POSTGRES_URL", "DB_DSN", "SQLALCHEMY_DATABASE_URI"], 5),
        k("mysql-url", "database", db_url("mysql", ["mysql.internal", "mysql-primary.prod.svc"], port=3306),
          ["DATABASE_URL", "MYSQL_URL", "DB_URL"], 4),
        k("mongodb-url", "database", db_url(rng_choice("mongodb+srv", "mongodb"),
          ["cluster0.x7kq2.mongodb.net", "mongo-0.mongo.prod.svc"]), ["MONGODB_URI", "MONGO_URL"], 4),
        k("redis-url", "database", redis_url, ["REDIS_URL", "CACHE_URL", "CELERY_BROKER_URL"], 4),
        k("amqp-url", "database", db_url(rng_choice("amqp", "amqps"), ["rabbitmq.internal", "mq.prod.acme.io"], db=False, port=5672),
          ["AMQP_URL", "RABBITMQ_URL", "BROKER_URL"], 3),
        k("jdbc-url", "database", jdbc_url, ["SPRING_DATASOURCE_URL", "JDBC_URL"], 3),
        k("mssql-connection-string", "database", mssql_conn, ["SQL_CONNECTION_STRING", "CONNECTIONSTRINGS__DEFAULT"], 3),
        k("snowflake-url", "database", snowflake_url, ["SNOWFLAKE_URL"], 2),
        k("smtp-url", "database", db_url("smtps", ["smtp.sendgrid.net", "email-smtp.eu-west-1.amazonaws.com"], db=False, port=465),
          ["SMTP_URL", "MAIL_URL", "EMAIL_URL"], 2),
        k("url-basic-auth", "generic", basic_auth_url, ["NEXUS_URL", "REGISTRY_URL", "GRAFANA_URL"], 3),
        # tokens
        k("jwt", "token", jwt_token, ["API_JWT", "SERVICE_TOKEN", "SUPABASE_SERVICE_ROLE_KEY", "AUTH_TOKEN"], 6),
        # generic secrets assigned to secret-looking names
        k("generic-password", "generic", password_value, ["DB_PASSWORD", "PASSWORD", "ADMIN_PASSWORD", "SMTP_PASSWORD",
          "REDIS_PASSWORD", "POSTGRES_PASSWORD", "LDAP_BIND_PASSWORD", "KEYSTORE_PASSWORD", "MYSQL_ROOT_PASSWORD"], 12),
        k("generic-secret", "generic", generic_api_key, ["CLIENT_SECRET", "APP_SECRET", "WEBHOOK_SECRET", "SESSION_SECRET",
          "JWT_SECRET", "SIGNING_SECRET", "HMAC_SECRET"], 8),
        k("generic-api-key", "generic", generic_api_key, ["API_KEY", "X_API_KEY", "PARTNER_API_KEY", "INTERNAL_API_KEY",
          "SERVICE_API_KEY", "APIKEY"], 8),
        k("generic-token", "generic", generic_api_key, ["AUTH_TOKEN", "ACCESS_TOKEN", "SERVICE_TOKEN", "BEARER_TOKEN", "API_TOKEN"], 5),
        k("django-secret-key", "generic", django_key, ["SECRET_KEY", "DJANGO_SECRET_KEY"], 3),
        k("rails-secret-key-base", "generic", hex_key(128), ["SECRET_KEY_BASE"], 2),
        k("laravel-app-key", "generic", laravel_key, ["APP_KEY"], 2),
        k("encryption-key", "generic", lambda r: b64(rbytes(r, 32)), ["ENCRYPTION_KEY", "DATA_ENCRYPTION_KEY", "AES_KEY", "FERNET_KEY"], 3),
        k("flask-secret-key", "generic", hex_key(64), ["SECRET_KEY", "FLASK_SECRET_KEY"], 2),
    ]


def rng_choice(*options):
    """A scheme chosen at generation time (db_url calls it with the random generator)."""
    return lambda rng: rng.choice(options)


class KeyPool:
    """RSA keys are slow to make in pure Python (~0.4 s for 2048 bits), so every private
    key in the corpus is made once, in order, and the public-key negatives reuse a few."""

    def __init__(self, rng):
        self.rng = rng
        self._public = []

    def rsa(self, bits=2048):
        return RSAKey(self.rng, bits)

    def public_rsa(self):
        if len(self._public) < 3:
            self._public.append(RSAKey(self.rng, 2048))
            return self._public[-1]
        return self.rng.choice(self._public)


def block_kinds(pool):
    def rsa_pkcs1(rng):
        return pem("RSA PRIVATE KEY", pool.rsa(rng.choice([2048, 2048, 2048, 1024])).pkcs1())

    def openssh(rng):
        key = Ed25519Key(rng) if rng.random() < 0.7 else pool.rsa()
        return openssh_private(rng, key, rng.choice(["deploy@ci", "root@bastion", "ops@acme.io", "git@build-01"]))

    def pkcs8(rng):
        choice = rng.choice(["rsa", "rsa", "ec", "ed25519"])
        key = {"rsa": lambda: pool.rsa(), "ec": lambda: ECKey(rng), "ed25519": lambda: Ed25519Key(rng)}[choice]()
        return pem("PRIVATE KEY", key.pkcs8())

    def encrypted_pkcs8(rng):
        plain = rng.choice([1217, 1218, 1219, 138, 48])
        kdf = der_seq(der_oid("1.2.840.113549.1.5.12"),
                      der_seq(der_octets(rbytes(rng, 16)), der_int(2048), der_seq(der_oid("1.2.840.113549.2.9"), DER_NULL)))
        cipher = der_seq(der_oid("2.16.840.1.101.3.4.1.42"), der_octets(rbytes(rng, 16)))
        algo = der_seq(der_oid("1.2.840.113549.1.5.13"), der_seq(kdf, cipher))
        return pem("ENCRYPTED PRIVATE KEY", der_seq(algo, der_octets(rbytes(rng, (plain // 16 + 1) * 16))))

    def encrypted_pem(rng):
        label = rng.choice(["RSA PRIVATE KEY", "EC PRIVATE KEY"])
        size = 1200 if label.startswith("RSA") else 128
        return pem(label, rbytes(rng, size), headers=["Proc-Type: 4,ENCRYPTED",
                                                       f"DEK-Info: AES-256-CBC,{rs(rng, 32, HEXU)}"])

    def pgp(rng):
        who = rng.choice(["Release Signing <release@acme.io>", "Ops Team <ops@acme.io>", "Backups <backup@acme.io>"])
        return pgp_rsa_keyblock(rng, pool.rsa(), who, secret=True)

    def putty(rng):
        return putty_v3(Ed25519Key(rng), rng.choice(["eddsa-key-20240115", "deploy@jumphost", "imported-openssh-key"]))

    def gcp_sa(rng):
        project = rng.choice(["acme-billing-prod", "acme-data-platform", "fleetops-prod-2231", "acme-ml-staging"])
        account = rng.choice(["deployer", "terraform", "bq-loader", "gke-ci", "backup-writer"])
        email = f"{account}@{project}.iam.gserviceaccount.com"
        doc = {
            "type": "service_" + "account",
            "project_id": project,
            "private_key_id": rs(rng, 40, HEX),
            "private_key": pem("PRIVATE KEY", pool.rsa().pkcs8()) + "\n",
            "client_email": email,
            "client_id": rs(rng, 21, DIGITS),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": "https://oauth2.googleapis.com/token",
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": f"https://www.googleapis.com/robot/v1/metadata/x509/{email.replace('@', '%40')}",
            "universe_domain": "googleapis.com",
        }
        return json.dumps(doc, indent=2)

    k = Kind
    return [
        k("rsa-private-key", "private-key", rsa_pkcs1,
          ["PRIVATE_KEY", "JWT_PRIVATE_KEY", "SIGNING_KEY", "GITHUB_APP_PRIVATE_KEY"], 6, block=True),
        k("ec-private-key", "private-key", lambda r: pem("EC PRIVATE KEY", ECKey(r).sec1()),
          ["TLS_KEY", "ES256_PRIVATE_KEY"], 4, block=True),
        k("dsa-private-key", "private-key", lambda r: pem("DSA PRIVATE KEY", DSAKey(r).der()), ["SSH_KEY"], 3, block=True),
        k("openssh-private-key", "private-key", openssh, ["SSH_PRIVATE_KEY", "DEPLOY_KEY", "GIT_SSH_KEY"], 6, block=True),
        k("pkcs8-private-key", "private-key", pkcs8, ["PRIVATE_KEY", "TLS_PRIVATE_KEY", "APNS_AUTH_KEY"], 6, block=True),
        k("encrypted-pkcs8-private-key", "private-key", encrypted_pkcs8, ["ENCRYPTED_KEY", "TLS_KEY"], 3, block=True),
        k("encrypted-pem-private-key", "private-key", encrypted_pem, ["SERVER_KEY"], 2, block=True),
        k("pgp-private-key", "private-key", pgp, ["GPG_PRIVATE_KEY", "SIGNING_KEY"], 2, block=True),
        k("putty-private-key", "private-key", putty, [], 2, block=True, hosts=["standalone"]),
        k("gcp-service-account", "cloud", gcp_sa,
          ["GOOGLE_CREDENTIALS", "GCP_SA_KEY", "GOOGLE_APPLICATION_CREDENTIALS_JSON"], 5, block=True),
    ]


STANDALONE_PATHS = {
    "rsa-private-key": ["deploy/keys/{svc}_rsa", ".ssh/id_rsa", "services/{svc}/config/jwt/private.pem",
                        "certs/{svc}.key", "services/{svc}/secrets/signing-key.pem", "github-app/{svc}.private-key.pem"],
    "ec-private-key": ["certs/{svc}-ec.key", "services/{svc}/keys/es256.pem"],
    "dsa-private-key": ["legacy/{svc}/id_dsa", "keys/{svc}_dsa.pem"],
    "openssh-private-key": [".ssh/id_ed25519", "deploy/{svc}/deploy_key", "ansible/files/{svc}_id_ed25519"],
    "pkcs8-private-key": ["certs/{svc}/tls.key", "services/{svc}/config/private_key.pem", "keys/apple/AuthKey_{KEYID}.p8"],
    "encrypted-pkcs8-private-key": ["certs/{svc}/server.key.pem", "keys/{svc}_encrypted.pem"],
    "encrypted-pem-private-key": ["certs/{svc}/legacy-server.key", "keys/{svc}-old.pem"],
    "pgp-private-key": ["keys/{svc}-release-signing.asc", "ops/gpg/{svc}-private.asc"],
    "putty-private-key": ["windows/{svc}.ppk", "ops/putty/{svc}-deploy.ppk"],
    "gcp-service-account": ["credentials/{svc}-sa.json", "services/{svc}/gcp-service-account.json",
                            "infra/{env}/{svc}/key.json"],
}


# --- negatives ------------------------------------------------------------------------------------
#
# Each generator gets (rng, host) and returns (value, raw): raw values are expressions that
# the host writes unquoted (an environment lookup, a template reference).

ENV_REF = {
    "env": ["${{{N}}}", "${{{N}:-}}"], "compose": ["${{{N}}}", "${{{N}:?set {N}}}"],
    "workflow": ["${{{{ secrets.{N} }}}}"], "helm": ['"{{{{ .Values.secrets.{c} }}}}"', '"{{{{ required \\"{c}\\" .Values.{c} }}}}"'],
    "yaml": ["${{{N}}}", '"{{{{ lookup(\'env\', \'{N}\') }}}}"'], "python": ['os.environ["{N}"]', 'os.getenv("{N}")', "settings.{N}"],
    "js": ["process.env.{N}", "process.env[\"{N}\"] ?? \"\"", "import.meta.env.VITE_{N}"], "go": ['os.Getenv("{N}")'],
    "java": ['System.getenv("{N}")'], "properties": ["${{{N}}}", "${{vcap.services.db.credentials.{c}}}"],
    "dockerfile": ["${{{N}}}"], "terraform": ["var.{s}", "data.aws_secretsmanager_secret_version.{s}.secret_string",
                                              "random_password.{s}.result"],
    "shell": ['"${{{N}:?}}"', '"$(cat /run/secrets/{s})"', '"$(vault kv get -field=value secret/{s})"'],
    "markdown": ["${{{N}}}"], "toml": ['"${{{N}}}"'], "xml": ["${{env.{N}}}"], "php": ["getenv('{N}')", "env('{N}')"],
    "ruby": ["ENV.fetch('{N}')", "Rails.application.credentials.dig(:{s})"], "rust": ['env!("{N}")'],
    "ps1": ["$env:{N}"], "ipynb": ['os.environ["{N}"]'], "minjs": ["process.env.{N}"],
    "json": ['"${{{N}}}"'],
}

PLACEHOLDERS = ["changeme", "<your-api-key>", "xxxxxxxxxxxxxxxxxxxx", "YOUR_API_KEY_HERE", "REPLACE_ME",
                "your-secret-here", "********", "TODO", "dummy", "placeholder", "secret", "password", "<password>",
                "insert-token-here", "<redacted>", "[REDACTED]", "12345678", "CHANGE_ME_IN_PRODUCTION", "none",
                "your_token_goes_here", "****************", "<SECRET>", "fill-me-in", "not-a-real-key"]

# Placeholders shaped like one provider's token go with that provider's name. Here and in
# DOC_EXAMPLES the literals are split, so that secret scanners run over this repository
# do not report the generator itself.
PREFIXED_PLACEHOLDERS = [
    ("GITHUB_TOKEN", "ghp_" + "x" * 36), ("STRIPE_SECRET_KEY", "sk_live_" + "X" * 24), ("AWS_ACCESS_KEY_ID", "AKIA" + "X" * 16),
    ("SLACK_BOT_TOKEN", "xoxb-" + "x" * 20), ("GITLAB_TOKEN", "glpat-" + "x" * 20), ("NPM_TOKEN", "npm_" + "0" * 36),
    ("OPENAI_API_KEY", "sk-proj-..."), ("HF_TOKEN", "hf_" + "X" * 34),
    ("SLACK_WEBHOOK_URL", "https://hooks.slack.com/" + "services/XXXXXXXXX/XXXXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX"),
    ("DATABASE_URL", "postgres://user:password@localhost:5432/mydb"),
    ("MONGODB_URI", "mongodb+srv://<username>:<password>@cluster0.mongodb.net/"),
    ("REDIS_URL", "redis://:yourpassword@localhost:6379/0"),
    ("SENDGRID_API_KEY", "SG." + "xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]


def neg_placeholder(rng, host):
    return (rng.choice(PLACEHOLDERS), False)


def neg_masked(rng):
    return rng.choice([("STRIPE_SECRET_KEY", f"sk_live_{'*' * 20}{rs(rng, 4, DIGITS)}"),
                       ("GITHUB_TOKEN", "ghp_" + "*" * 32 + rs(rng, 4, ALNUM)), ("API_KEY", "*" * 12 + rs(rng, 4, HEX)),
                       ("AWS_ACCESS_KEY_ID", f"AKIA{'*' * 12}{rs(rng, 4, B32)}"),
                       ("SLACK_BOT_TOKEN", "xoxb-****-****-" + "*" * 12)])


def neg_env_ref(rng, host, name):
    words = name.lower().split("_")
    fmt = rng.choice(ENV_REF[host])
    camel = words[0] + "".join(w.capitalize() for w in words[1:])
    return (fmt.format(N=name, s="_".join(words), c=camel), True)


DOC_EXAMPLES = [
    [("AWS_ACCESS_KEY_ID", "AKIA" + "IOSFODNN7EXAMPLE"),
     ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/" + "K7MDENG/bPxRfiCYEXAMPLEKEY")],
    [("AWS_ACCESS_KEY_ID", "AKIA" + "I44QH8DHBEXAMPLE"),
     ("AWS_SECRET_ACCESS_KEY", "je7MtGbClwBF/" + "2Zp9Utk/h3yCo8nvbEXAMPLEKEY")],
    [("JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
             ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")],
    [("STRIPE_SECRET_KEY", "sk_" + "test_4eC39HqLyjWDarjtT1zdp7dc")],
    [("SLACK_BOT_TOKEN", "xoxb-" + "not-a-real-token-this-will-not-work")],
    [("AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
      + "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
      "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")],
    [("TWILIO_ACCOUNT_SID", "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"), ("TWILIO_AUTH_TOKEN", "your_auth_token")],
]


def neg_bad_checksum(rng, host):
    """A GitHub or npm token whose last 6 characters are not the CRC32 of the first 30.
    (Not ghr_: the checksum of the longer refresh tokens is not documented.)"""
    name, prefix = rng.choice([("GITHUB_TOKEN", "ghp_"), ("GH_TOKEN", "ghp_"), ("GITHUB_OAUTH_TOKEN", "gho_"),
                               ("GITHUB_APP_TOKEN", "ghs_"), ("GITHUB_USER_TOKEN", "ghu_"), ("NPM_TOKEN", "npm_")])
    body = rs(rng, 30)
    good = crc32_b62(body)
    bad = good
    while bad == good:
        bad = rs(rng, 6)
    return name, prefix + body + bad


def neg_uuid(rng, host):
    return (uuid4(rng), False)


def neg_git_sha(rng, host):
    return (rs(rng, 40, HEX), False)


def neg_sha256(rng, host):
    return (rng.choice([rs(rng, 64, HEX), "sha256:" + rs(rng, 64, HEX), b64(rbytes(rng, 32))]), False)


def neg_md5(rng, host):
    return (rs(rng, 32, HEX), False)


def neg_image_digest(rng, host):
    image = rng.choice(["nginx", "redis", "postgres", "ghcr.io/acme/api", "python", "gcr.io/distroless/static",
                        "registry.acme-internal.io/billing/worker"])
    return (f"{image}@sha256:{rs(rng, 64, HEX)}", False)


def neg_hex_color(rng, host):
    return ("#" + rs(rng, 6, HEX), False)


def neg_identifier(rng, host):
    """Identifiers that look random, each with the kind of name it comes with."""
    return rng.choice([
        lambda: ("INSTANCE_ID", f"i-0{rs(rng, 16, HEX)}"), lambda: ("SECURITY_GROUP_ID", f"sg-0{rs(rng, 16, HEX)}"),
        lambda: ("VPC_ID", f"vpc-0{rs(rng, 16, HEX)}"), lambda: ("AMI_ID", f"ami-0{rs(rng, 16, HEX)}"),
        lambda: ("SUBNET_ID", f"subnet-0{rs(rng, 16, HEX)}"),
        lambda: ("ROLE_ARN", f"arn:aws:iam::{rs(rng, 12, DIGITS)}:role/{rng.choice(['deployer', 'ci-runner', 'app'])}"),
        lambda: ("KMS_KEY_ARN", f"arn:aws:kms:eu-west-1:{rs(rng, 12, DIGITS)}:key/{uuid4(rng)}"),
        lambda: ("CUSTOMER_ID", f"cus_{rs(rng, 14)}"), lambda: ("PRICE_ID", f"price_1{rs(rng, 23)}"),
        lambda: ("PAYMENT_INTENT", f"pi_3{rs(rng, 23)}"), lambda: ("CONNECTED_ACCOUNT", f"acct_1{rs(rng, 15)}"),
        lambda: ("JOB_ID", "01" + rs(rng, 24, "0123456789ABCDEFGHJKMNPQRSTVWXYZ")),
        lambda: ("DISTRIBUTION_ID", f"E{rs(rng, 13, UPPER_ALNUM)}"), lambda: ("MEASUREMENT_ID", f"G-{rs(rng, 10, UPPER_ALNUM)}"),
        lambda: ("BUCKET", f"acme-{rng.choice(['assets', 'logs', 'backups'])}-{rs(rng, 12, LOWER_ALNUM)}"),
        lambda: ("KMS_KEY_NAME", f"projects/acme-prod/locations/europe-west1/keyRings/app/cryptoKeys/{rs(rng, 8, LOWER)}"),
        lambda: ("DISCORD_CHANNEL_ID", str(rng.randrange(10 ** 17, 10 ** 19))),
        lambda: ("FIREBASE_APP_ID", f"1:{rs(rng, 12, DIGITS)}:web:{rs(rng, 22, HEX)}"),
        lambda: ("POD_NAME", f"{rng.choice(['api', 'worker', 'billing'])}-{rs(rng, 10, LOWER_ALNUM)}-{rs(rng, 5, LOWER_ALNUM)}"),
        lambda: ("OCI_INSTANCE_OCID", f"ocid1.instance.oc1.eu-frankfurt-1.{rs(rng, 60, LOWER_ALNUM)}"),
        lambda: ("TRACE_ID", rs(rng, 32, HEX)), lambda: ("SPAN_ID", rs(rng, 16, HEX)),
    ])()


def neg_public_client_id(rng, host):
    """Values that are public by design: publishable keys, client ids, public DSNs."""
    return rng.choice([
        lambda: ("STRIPE_PUBLISHABLE_KEY", f"pk_live_51{rs(rng, 12)}{rs(rng, 85)}"),
        lambda: ("GOOGLE_CLIENT_ID", f"{rs(rng, 12, DIGITS)}-{rs(rng, 32, LOWER_ALNUM)}.apps.googleusercontent.com"),
        lambda: ("SENTRY_DSN", f"https://{rs(rng, 32, HEX)}@o{rs(rng, 6, DIGITS)}.ingest.sentry.io/{rs(rng, 7, DIGITS)}"),
        lambda: ("MAPBOX_PUBLIC_TOKEN", "pk." + b64url(json.dumps({"u": "acme-maps", "a": rs(rng, 12, LOWER_ALNUM)}).encode())
                 + "." + rs(rng, 22, B64URL)),
        lambda: ("AUTH0_CLIENT_ID", rs(rng, 32, ALNUM)),
        lambda: ("ALGOLIA_SEARCH_API_KEY", rs(rng, 32, HEX)),
        lambda: ("POSTHOG_PROJECT_API_KEY", "phc_" + rs(rng, 43, ALNUM)),
    ])()


KEYWORD_NON_SECRETS = [
    ("PASSWORD_MIN_LENGTH", "12"), ("TOKEN_EXPIRY_SECONDS", "3600"), ("TOKEN_TYPE", "bearer"),
    ("SECRET_NAME", "db-credentials"), ("API_KEY_HEADER", "X-Api-Key"), ("PASSWORD_RESET_URL", "https://acme.io/account/reset"),
    ("AUTH_METHOD", "oauth2"), ("SECRET_STORE", "aws-secretsmanager"), ("KEY_ROTATION_DAYS", "90"),
    ("TOKEN_URL", "https://oauth2.googleapis.com/token"), ("PASSWORD_HASHER", "argon2"), ("SECRET_MOUNT_PATH", "/run/secrets"),
    ("API_KEY_ENABLED", "true"), ("PRIVATE_KEY_PATH", "/etc/app/keys/signing.pem"), ("ACCESS_TOKEN_TTL", "15m"),
    ("CLIENT_SECRET_FILE", "/var/run/secrets/oauth/client-secret"), ("KMS_KEY_ALIAS", "alias/app-secrets"),
    ("PASSWORD_POLICY", "uppercase,digits,symbols"), ("FORGOT_PASSWORD_LABEL", "Forgot your password?"),
    ("SIGNING_KEY_ID", "2024-09-rotation"),
]

PUBLIC_IPS = ["8.8.8.8", "1.1.1.1", "9.9.9.9", "52.95.110.1", "34.117.59.81", "151.101.1.69", "140.82.112.3", "13.107.42.14"]


def neg_url_no_creds(rng, host):
    return rng.choice([("STRIPE_API_BASE", "https://api.stripe.com/v1"), ("DATABASE_URL", "postgres://db.internal:5432/orders"),
                       ("REDIS_URL", "redis://cache.internal:6379/0"),
                       ("MONGODB_URI", "mongodb+srv://cluster0.x7kq2.mongodb.net/app?retryWrites=true"),
                       ("BROKER_URL", "amqp://rabbitmq.internal:5672/"), ("DEPLOY_HOOK_URL", "https://hooks.acme-internal.io/deploy"),
                       ("JDBC_URL", "jdbc:postgresql://db.internal:5432/billing?ssl=true"),
                       ("VAULT_ADDR", "https://vault.acme-internal.io:8200")])


def neg_encrypted(rng, host):
    return (rng.choice([
        lambda: f"ENC[AES256_GCM,data:{b64(rbytes(rng, rng.randrange(12, 40)))},iv:{b64(rbytes(rng, 32))},"
                f"tag:{b64(rbytes(rng, 16))},type:str]",
        lambda: "AgB" + rs(rng, rng.randrange(500, 700), B64) + "==",
        lambda: f"vault:v1:{b64(rbytes(rng, 48))}",
        lambda: f"AQICAHh{rs(rng, 250, B64)}=",  # AWS KMS ciphertext blob
    ])(), False)


def neg_base64_blob(rng, host):
    script = "#cloud-config\npackages:\n  - nginx\nruncmd:\n  - systemctl enable --now nginx\n"
    return rng.choice([("USER_DATA", b64(script.encode())),
                       ("DASHBOARD_B64", b64(json.dumps({"dashboard": "latency", "refresh": "30s",
                                                         "panels": rng.randrange(3, 20)}).encode()))])


class Neg:
    def __init__(self, name, gen, names, n, hosts=None, pairs=None):
        self.name, self.gen, self.names, self.n, self.hosts, self.pairs = name, gen, names, n, hosts, pairs


def _negatives():
    return [
        Neg("placeholder", neg_placeholder, ["API_KEY", "DB_PASSWORD", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "SECRET_KEY",
            "AWS_SECRET_ACCESS_KEY", "CLIENT_SECRET", "SLACK_WEBHOOK_URL", "DATABASE_URL", "SENDGRID_API_KEY", "PASSWORD",
            "OPENAI_API_KEY", "AUTH_TOKEN", "NPM_TOKEN"], 60),
        Neg("masked-value", None, [], 6),
        Neg("env-reference", None, ["DB_PASSWORD", "API_KEY", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY",
            "CLIENT_SECRET", "DATABASE_URL", "SENTRY_DSN", "SLACK_BOT_TOKEN", "JWT_SECRET", "OPENAI_API_KEY", "REDIS_PASSWORD"], 55),
        Neg("bad-checksum", neg_bad_checksum, None, 12),
        Neg("uuid", neg_uuid, ["REQUEST_ID", "TENANT_ID", "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID", "AZURE_CLIENT_ID",
            "CORRELATION_ID", "INSTALLATION_ID", "WORKSPACE_ID", "ORG_ID", "DEVICE_ID"], 20),
        Neg("git-sha", neg_git_sha, ["GIT_COMMIT", "GIT_SHA", "SOURCE_VERSION", "BUILD_REVISION", "VCS_REF"], 12),
        Neg("sha256-hash", neg_sha256, ["ARTIFACT_SHA256", "CHECKSUM", "BINARY_SHA256", "SOURCE_CODE_HASH", "CONFIG_HASH"], 12),
        Neg("md5-hash", neg_md5, ["ETAG", "CONTENT_MD5", "FILE_MD5", "CACHE_BUSTER"], 8),
        Neg("image-digest", neg_image_digest, ["IMAGE", "BASE_IMAGE", "SIDECAR_IMAGE"], 8),
        Neg("hex-color", neg_hex_color, ["PRIMARY_COLOR", "BRAND_COLOR", "ACCENT_COLOR"], 6),
        Neg("random-looking-identifier", neg_identifier, None, 26),
        Neg("public-client-id", neg_public_client_id, None, 12),
        Neg("keyword-non-secret", None, [], 20),
        Neg("ip-address", lambda r, h: (r.choice(PUBLIC_IPS), False), ["DNS_SERVER", "UPSTREAM_RESOLVER", "EGRESS_IP"], 6),
        Neg("url-without-credentials", neg_url_no_creds, None, 8),
        Neg("encrypted-value", neg_encrypted, ["DB_PASSWORD", "API_KEY", "STRIPE_SECRET_KEY", "ENCRYPTED_TOKEN"], 8),
        Neg("base64-blob", neg_base64_blob, None, 4),
        Neg("doc-example-key", None, [], 14),
    ]


# --- files and hosts ------------------------------------------------------------------------------


class Item:
    """One labelled thing: a group of (name, value, raw) assignments on consecutive lines."""

    def __init__(self, kind, positive, category, pairs):
        self.kind, self.positive, self.category, self.pairs = kind, positive, category, pairs

    @property
    def block(self):
        return any("\n" in v for _, v, _ in self.pairs)

    @property
    def json_doc(self):
        return any(v.startswith("{") and "\n" in v for _, v, _ in self.pairs)

    @property
    def dollar(self):
        return any("$" in v for _, v, raw in self.pairs if not raw)


class FileOut:
    def __init__(self, path):
        self.path, self.lines, self.labels, self.crlf = path, [], [], False

    def add(self, *texts):
        for t in texts:
            self.lines.extend(t.split("\n"))

    def mark(self, item, lines):
        start = len(self.lines) + 1
        for t in lines:
            self.lines.extend(t.split("\n"))
        self.labels.append({"path": self.path, "line": start, "end_line": len(self.lines), "kind": item.kind,
                            "positive": item.positive, "category": item.category if item.positive else "negative"})

    def text(self):
        nl = "\r\n" if self.crlf else "\n"
        return nl.join(self.lines) + nl


def words(name):
    return [w for w in name.lower().split("_") if w]


def style(name, how):
    w = words(name)
    if how == "upper":
        return "_".join(x.upper() for x in w)
    if how == "snake":
        return "_".join(w)
    if how == "camel":
        return w[0] + "".join(x.capitalize() for x in w[1:])
    if how == "pascal":
        return "".join(x.capitalize() for x in w)
    if how == "dotted":
        return ".".join(w)
    if how == "kebab":
        return "-".join(w)
    raise ValueError(how)


def compact_json(value):
    return json.dumps(json.loads(value), separators=(",", ":"))


def xml_escape(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


YAML_SPECIAL = set(":#{}[],&*?|>'\"%@!`")

BENIGN = [("LOG_LEVEL", "info"), ("PORT", "8080"), ("FEATURE_SEARCH_V2", "true"), ("AWS_REGION", "eu-west-1"),
          ("TIMEOUT_SECONDS", "30"), ("MAX_CONNECTIONS", "50"), ("CACHE_TTL", "300"), ("METRICS_PORT", "9102"),
          ("QUEUE_NAME", "orders-events"), ("BUCKET_PREFIX", "exports/"), ("RETRY_BACKOFF_MS", "250"),
          ("HTTP_PROXY", "http://proxy.internal:3128"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317"),
          ("WORKERS", "4"), ("API_BASE_URL", "https://api.acme-internal.io"), ("SMTP_HOST", "smtp.internal"),
          ("SMTP_PORT", "587"), ("DB_HOST", "db.internal"), ("DB_USER", "app"), ("DB_NAME", "orders"),
          ("S3_BUCKET", "acme-exports"), ("ENVIRONMENT", "production"), ("TZ", "UTC"), ("DEBUG", "false"),
          ("SENTRY_ENVIRONMENT", "production"), ("ALLOWED_ORIGINS", "https://app.acme.io"), ("PAGE_SIZE", "100"),
          ("UPLOAD_DIR", "/var/lib/app/uploads"), ("GRPC_ADDR", "0.0.0.0:9090"), ("RATE_LIMIT_PER_MINUTE", "600"),
          ("DEFAULT_CURRENCY", "EUR"), ("SUPPORT_EMAIL", "support@acme.io"), ("KAFKA_BROKERS", "kafka-0.kafka:9092"),
          ("ELASTICSEARCH_URL", "http://search.internal:9200"), ("REPORTS_CRON", "0 3 * * *")]


class Host:
    name = "?"
    style = "upper"
    blocks = False      # multi-line values
    json_docs = False   # a JSON document as the value
    dollar = True       # values containing '$'
    paths = []
    weight = 1
    used = set()        # names already in the file being written

    def accepts(self, item):
        if item.block and not self.blocks:
            return False
        if item.json_doc and not self.json_docs:
            return False
        if item.dollar and not self.dollar:
            return False
        return True

    def head(self, rng, svc):
        return []

    def tail(self, rng, svc):
        return []

    def code_filler(self, rng, svc):
        return []

    def render(self, rng, name, value, raw):
        raise NotImplementedError

    def filler(self, rng, svc):
        if rng.random() < 0.3:
            code = self.code_filler(rng, svc)
            if code:
                return code
        name, value = self.benign(rng)
        return self.render(rng, name, value, False)

    def benign(self, rng):
        """A harmless setting whose name is not used yet in this file."""
        name, value = rng.choice([b for b in BENIGN if b[0] not in self.used])
        self.used.add(name)
        return name, value

    def item_lines(self, rng, item):
        out = []
        for name, value, raw in item.pairs:
            out += self.render(rng, name, value, raw)
        return out

    def write(self, rng, f, svc, items):
        f.add(*self.head(rng, svc))
        for _ in range(rng.randrange(1, 4)):
            f.add(*self.filler(rng, svc))
        for item in items:
            f.mark(item, self.item_lines(rng, item))
            for _ in range(rng.randrange(0, 3)):
                f.add(*self.filler(rng, svc))
        f.add(*self.tail(rng, svc))


class EnvHost(Host):
    name, weight, blocks, json_docs = "env", 14, True, True
    paths = ["services/{svc}/.env", "services/{svc}/.env.production", "apps/{svc}/.env.local", "deploy/{svc}/{svc}.env",
             "config/{svc}.env", "services/{svc}/.env.prod", "apps/{svc}/.env"]

    def head(self, rng, svc):
        return rng.choice([[f"# {svc} service configuration", "# Loaded by docker compose and the local dev script."],
                           [f"# {svc}", ""], [f"APP_NAME={svc}"]])

    def code_filler(self, rng, svc):
        return rng.choice([[""], ["# --- integrations ---"], [f"SERVICE_NAME={svc}"], ["# see docs/runbooks for rotation"]])

    def render(self, rng, name, value, raw):
        n = style(name, "upper")
        if raw:
            return [f"{n}={value}"]
        if "\n" in value:
            if value.startswith("{"):
                return [f"{n}='{compact_json(value)}'"]
            if rng.random() < 0.5:
                return [f'{n}="' + value.replace("\n", "\\n") + '"']
            return [f'{n}="{value}"']
        if "$" in value:
            return [f"{n}='{value}'"]
        if any(c in value for c in " #;&'\"") or rng.random() < 0.25:
            return [f'{n}="{value}"']
        return [f"{n}={value}"]


class ShellHost(Host):
    name, weight, blocks, json_docs = "shell", 8, True, True
    paths = ["scripts/deploy-{svc}.sh", "scripts/{svc}/bootstrap.sh", "ops/backup-{svc}.sh", "bin/{svc}-sync",
             "scripts/release-{svc}.sh"]

    def head(self, rng, svc):
        return ["#!/usr/bin/env bash", f"# {svc}: deploy helper", "set -euo pipefail", ""]

    def code_filler(self, rng, svc):
        return rng.choice([[f'echo "deploying {svc}"'], ['cd "$(dirname "$0")/.."'], [""],
                           [f"kubectl -n {svc} rollout status deploy/{svc} --timeout=120s"],
                           [f'log() {{ printf "%s %s\\n" "$(date -u +%FT%TZ)" "$*" >&2; }}']])

    def render(self, rng, name, value, raw):
        n = style(name, "upper")
        if raw:
            return [f"export {n}={value}"]
        if "\n" in value:
            if value.startswith("{"):
                return [f"export {n}='{compact_json(value)}'"]
            path = f"/tmp/{style(name, 'snake')}.pem"
            return [f"cat > {path} <<'EOF'", value, "EOF", f"chmod 600 {path}"]
        if "$" in value:
            return [f"export {n}='{value}'"]
        lower = name.lower()
        if rng.random() < 0.25 and ("token" in lower or "api_key" in lower) and "://" not in value:
            return [f'curl -fsS -H "Authorization: Bearer {value}" https://api.acme-internal.io/v1/sync']
        return [f'export {n}="{value}"']


class DockerfileHost(Host):
    name, weight, dollar = "dockerfile", 5, False
    paths = ["services/{svc}/Dockerfile", "docker/{svc}.Dockerfile", "services/{svc}/Dockerfile.prod"]

    def head(self, rng, svc):
        return rng.choice([["FROM python:3.12-slim", "WORKDIR /app", "COPY requirements.txt .",
                            "RUN pip install --no-cache-dir -r requirements.txt"],
                           ["FROM node:20-alpine", "WORKDIR /usr/src/app", "COPY package*.json ./", "RUN npm ci --omit=dev"],
                           ["FROM golang:1.22 AS build", "WORKDIR /src", "COPY . .", "RUN go build -o /out/app ./cmd/app",
                            "", "FROM gcr.io/distroless/base-debian12", "COPY --from=build /out/app /app"]])

    def tail(self, rng, svc):
        return ["COPY . .", "USER 10001", 'CMD ["/app"]' if rng.random() < 0.5 else f'CMD ["python", "-m", "{svc}"]']

    def render(self, rng, name, value, raw):
        n = style(name, "upper")
        if raw:
            return [f"ARG {n}", f"ENV {n}={value}"]
        form = rng.random()
        if form < 0.2:
            return [f"ARG {n}={value}"]
        if form < 0.4:
            return [f"ENV {n} {value}"]
        return [f'ENV {n}="{value}"' if " " in value else f"ENV {n}={value}"]

    def filler(self, rng, svc):
        if rng.random() < 0.5:
            return [rng.choice(["EXPOSE 8080", "RUN mkdir -p /var/lib/app",
                                "LABEL org.opencontainers.image.source=https://github.com/acme/app",
                                "HEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1"])]
        name, value = self.benign(rng)
        return [f"ENV {name}={value}" if " " not in value else f'ENV {name}="{value}"']


class PropertiesHost(Host):
    name, weight, style = "properties", 5, "dotted"
    paths = ["services/{svc}/src/main/resources/application.properties",
             "services/{svc}/src/main/resources/application-prod.properties", "services/{svc}/gradle.properties",
             "services/{svc}/config/{svc}.properties"]

    def head(self, rng, svc):
        return [f"# {svc}", f"spring.application.name={svc}", "server.port=8080"]

    def render(self, rng, name, value, raw):
        n = style(name, "dotted")
        return [f"{n}={value}" if rng.random() < 0.7 else f"{n} = {value}"]


class YamlHost(Host):
    name, weight, style, blocks, json_docs = "yaml", 10, "snake", True, True
    paths = ["services/{svc}/config/settings.yaml", "services/{svc}/config.yml", "config/{svc}.yml",
             "services/{svc}/src/main/resources/application.yml", "ansible/group_vars/{svc}.yml",
             "services/{svc}/config/production.yaml"]

    def head(self, rng, svc):
        return rng.choice([[f"# {svc} settings", "server:", "  port: 8080", "  host: 0.0.0.0", "logging:", "  level: info",
                            rng.choice(["credentials:", "integrations:", "secrets:", "providers:"])],
                           [f"app:", f"  name: {svc}", "  environment: production", "config:"]])

    def key(self, name):
        return style(name, self.style)

    def render(self, rng, name, value, raw, indent="  "):
        n = self.key(name)
        if raw:
            return [f"{indent}{n}: {value}"]
        if "\n" in value:
            return [f"{indent}{n}: |"] + [f"{indent}  {line}" for line in value.split("\n")]
        if any(c in YAML_SPECIAL for c in value) or rng.random() < 0.3:
            return [f'{indent}{n}: "{value}"']
        return [f"{indent}{n}: {value}"]


class HelmHost(YamlHost):
    name, weight, style = "helm", 4, "camel"
    paths = ["charts/{svc}/values.yaml", "charts/{svc}/values-prod.yaml", "deploy/helm/{svc}/values.yaml"]

    def head(self, rng, svc):
        return ["replicaCount: 2", "image:", f"  repository: registry.acme-internal.io/{svc}", '  tag: "1.8.2"',
                "service:", "  port: 8080", rng.choice(["secrets:", "env:", "config:"])]


class ComposeHost(Host):
    name, weight, dollar = "compose", 5, False
    paths = ["services/{svc}/docker-compose.yml", "deploy/compose/{svc}.yml", "services/{svc}/compose.prod.yaml"]

    def head(self, rng, svc):
        self.list_form = rng.random() < 0.5
        return ["services:", f"  {svc}:", f"    image: registry.acme-internal.io/{svc}:1.8.2", "    restart: unless-stopped",
                "    ports:", '      - "8080:8080"', "    environment:"]

    def tail(self, rng, svc):
        return ["    depends_on:", "      - db", "  db:", "    image: postgres:16", "    volumes:",
                "      - pgdata:/var/lib/postgresql/data", "volumes:", "  pgdata: {}"]

    def render(self, rng, name, value, raw):
        n = style(name, "upper")
        if self.list_form:
            return [f"      - {n}={value}"]
        if raw or any(c in YAML_SPECIAL for c in value):
            return [f'      {n}: "{value}"']
        return [f"      {n}: {value}"]


class WorkflowHost(Host):
    name, weight, dollar = "workflow", 3, True
    paths = [".github/workflows/{svc}-deploy.yml", ".github/workflows/{svc}-release.yaml"]

    def head(self, rng, svc):
        return [f"name: {svc} deploy", "on:", "  push:", "    branches: [main]", "env:"]

    def tail(self, rng, svc):
        return ["jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    steps:", "      - uses: actions/checkout@v4",
                f"      - run: make deploy SERVICE={svc}"]

    def render(self, rng, name, value, raw):
        n = style(name, "upper")
        if not raw and any(c in YAML_SPECIAL for c in value):
            return [f'  {n}: "{value}"']
        return [f"  {n}: {value}"]


class TerraformHost(Host):
    name, weight, style, blocks, json_docs = "terraform", 6, "snake", True, True
    paths = ["infra/{env}/{svc}/main.tf", "infra/{env}/{svc}/variables.tf", "infra/{env}/{svc}/terraform.tfvars",
             "infra/modules/{svc}/providers.tf", "infra/{env}/{svc}/secrets.auto.tfvars"]

    def write(self, rng, f, svc, items):
        tfvars = f.path.endswith(".tfvars")
        if not tfvars:
            f.add('terraform {', '  required_version = ">= 1.5"', '}', '',
                  'provider "aws" {', '  region = "eu-west-1"', '}', '')
        for item in items:
            if tfvars:
                f.mark(item, [ln for name, value, raw in item.pairs for ln in self.assign(name, value, raw, "")])
                name, value = self.benign(rng)
                f.add(f'{style(name, "snake")} = "{value}"')
                continue
            form = rng.random()
            if form < 0.5 and len(item.pairs) == 1:
                name, value, raw = item.pairs[0]
                f.add(f'variable "{style(name, "snake")}" {{', "  type      = string", "  sensitive = true")
                f.mark(item, self.assign("default", value, raw, "  ", name_is_literal=True))
                f.add("}", "")
            else:
                f.add("locals {")
                f.mark(item, [ln for name, value, raw in item.pairs for ln in self.assign(name, value, raw, "  ")])
                f.add("}", "")
        if not tfvars:
            f.add(f'module "{svc}" {{', f'  source = "../../modules/{svc}"', "}")

    def assign(self, name, value, raw, indent, name_is_literal=False):
        n = name if name_is_literal else style(name, "snake")
        if raw:
            return [f"{indent}{n} = {value}"]
        if "\n" in value:
            return [f"{indent}{n} = <<-EOT"] + [f"{indent}  {ln}" for ln in value.split("\n")] + [f"{indent}EOT"]
        return [f'{indent}{n} = "{value}"']


class PythonHost(Host):
    name, weight, blocks, json_docs = "python", 10, True, True
    paths = ["services/{svc}/{svc}/settings.py", "services/{svc}/config.py", "scripts/{svc}_sync.py",
             "services/{svc}/app/clients.py", "services/{svc}/app/core/config.py"]

    def head(self, rng, svc):
        return [f'"""Settings for the {svc} service."""', "import os", "", "DEBUG = False",
                f'ALLOWED_HOSTS = ["{svc}.acme-internal.io", "localhost"]']

    def code_filler(self, rng, svc):
        return rng.choice([["", "", "def client_timeout():", "    return 30", ""], [""],
                           ['LOGGING = {"version": 1, "disable_existing_loggers": False}'],
                           ['INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]']])

    def render(self, rng, name, value, raw):
        n = style(name, "upper")
        if raw:
            return [f"{n} = {value}"]
        if "\n" in value:
            return [f'{n} = """{value}"""']
        return [f'{n} = "{value}"' if rng.random() < 0.7 else f"{n} = '{value}'"]


class NotebookHost(Host):
    """A Jupyter notebook: values sit in a code cell's source lines (JSON strings)."""
    name, weight = "ipynb", 2
    paths = ["notebooks/{svc}-analysis.ipynb", "notebooks/{svc}/exploration.ipynb"]

    def write(self, rng, f, svc, items):
        f.add("{", ' "cells": [', "  {", '   "cell_type": "markdown",', '   "metadata": {},', '   "source": [',
              f'    "# {svc} weekly numbers"', "   ]", "  },", "  {", '   "cell_type": "code",',
              '   "execution_count": 1,', '   "metadata": {},', '   "outputs": [],', '   "source": [',
              '    "import os\\n",', '    "import pandas as pd\\n",')
        for item in items:
            lines = []
            for name, value, raw in item.pairs:
                code = f"{style(name, 'snake')} = {value}" if raw else f'{style(name, "snake")} = "{value}"'
                lines.append("    " + json.dumps(code + "\n") + ",")
            f.mark(item, lines)
        f.add('    "df = pd.read_parquet(\\"s3://acme-exports/weekly.parquet\\")"', "   ]", "  }", " ],",
              ' "metadata": {', '  "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}',
              " },", ' "nbformat": 4,', ' "nbformat_minor": 5', "}")


class JsHost(Host):
    name, weight, style, blocks = "js", 8, "camel", True
    paths = ["apps/{svc}/src/config.ts", "apps/{svc}/src/lib/client.js", "web/{svc}/next.config.js", "apps/{svc}/src/env.ts",
             "apps/{svc}/config/default.js"]

    def write(self, rng, f, svc, items):
        f.add(f"// configuration for {svc}", 'import { createClient } from "./client";', "")
        obj = rng.random() < 0.5
        if obj:
            f.add("export const config = {", "  port: 8080,", f'  service: "{svc}",')
        for item in items:
            lines = []
            for name, value, raw in item.pairs:
                v = value if raw else (f"`{value}`" if "\n" in value else f'"{value}"')
                lines += [f"  {style(name, 'camel')}: {v}," if obj else f"export const {style(name, 'upper')} = {v};"]
            f.mark(item, lines)
            if rng.random() < 0.4:
                f.add('  timeoutMs: 5000,' if obj else "export const TIMEOUT_MS = 5000;")
        if obj:
            f.add("};")
        f.add("", "export default createClient;")


class MinJsHost(Host):
    """A minified bundle: one long line with the value somewhere inside (one item per file)."""
    name, weight = "minjs", 2
    paths = ["web/{svc}/dist/assets/index-{hash}.js", "web/{svc}/public/static/js/main.{hash}.js"]
    SNIPPETS = ["function e(t){return t&&t.__esModule?t.default:t}", "var n=Object.defineProperty,r=Object.getOwnPropertyNames;",
                "const o=(t,e)=>()=>(e||t((e={exports:{}}).exports,e),e.exports);", "if(typeof window<\"u\"){window.__APP__=1}",
                "function a(t,e){for(var n in e)t[n]=e[n];return t}", "let i=document.getElementById(\"root\");",
                "const s=new Map,c=[];", "function l(t){return String(t).replace(/[&<>]/g,u)}",
                "var d=Array.isArray,f=Math.max,p=Date.now;"]

    def write(self, rng, f, svc, items):
        # each snippet in its own function scope, so that the bundle stays valid JavaScript
        parts = ["(()=>{" + rng.choice(self.SNIPPETS) + "})();" for _ in range(rng.randrange(60, 160))]
        (item,) = items
        name, value, raw = item.pairs[0]
        parts.insert(rng.randrange(len(parts)), f'const cfg={{{style(name, "camel")}:"{value}",env:"production"}};'
                     if not raw else f"const cfg={{{style(name, 'camel')}:{value}}};")
        f.mark(item, ["".join(parts)])
        if rng.random() < 0.5:
            mapping = {"version": 3, "sources": ["src/main.ts"], "names": [],
                       "mappings": ";".join(rs(rng, rng.randrange(8, 30), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh+/,") for _ in range(40))}
            f.mark(Item("base64-sourcemap", False, "negative", []),
                   ["//# sourceMappingURL=data:application/json;base64," + b64(json.dumps(mapping).encode())])

    def accepts(self, item):
        return super().accepts(item) and len(item.pairs) == 1


class GoHost(Host):
    name, weight, blocks = "go", 5, True
    paths = ["services/{svc}/internal/config/config.go", "cmd/{svc}/main.go", "services/{svc}/pkg/client/client.go"]

    def write(self, rng, f, svc, items):
        f.add("package config", "", 'import (', '\t"os"', '\t"time"', ")", "", "const (", f'\tserviceName = "{svc}"')
        for item in items:
            lines = []
            for name, value, raw in item.pairs:
                if raw:
                    continue
                v = f"`{value}`" if "\n" in value else f'"{value}"'
                lines.append(f"\t{style(name, 'camel')} = {v}")
            if lines:
                f.mark(item, lines)
        f.add(")", "", "var Timeout = 30 * time.Second", "")
        raws = [it for it in items if all(raw for _, _, raw in it.pairs)]
        if raws:
            f.add("func Load() map[string]string {", "\treturn map[string]string{")
            for item in raws:
                f.mark(item, [f'\t\t"{style(n, "snake")}": {v},' for n, v, _ in item.pairs])
            f.add("\t}", "}")
        f.add("", "func Env() string { return os.Getenv(\"APP_ENV\") }")

    def accepts(self, item):
        raws = {raw for _, _, raw in item.pairs}
        return super().accepts(item) and len(raws) == 1


class JavaHost(Host):
    name, weight, blocks = "java", 4, True
    paths = ["services/{svc}/src/main/java/com/acme/{svc}/Config.java",
             "services/{svc}/src/main/java/com/acme/{svc}/Credentials.java"]

    def head(self, rng, svc):
        return [f"package com.acme.{svc};", "", "public final class Config {",
                "    private Config() {}", ""]

    def tail(self, rng, svc):
        return ["}"]

    def code_filler(self, rng, svc):
        return [rng.choice(["    public static final int TIMEOUT_MS = 5000;", "",
                            f'    public static final String SERVICE = "{svc}";'])]

    def render(self, rng, name, value, raw):
        n = style(name, "upper")
        if raw:
            return [f"    public static final String {n} = {value};"]
        if "\n" in value:
            return [f'    public static final String {n} = """', *[f"        {ln}" for ln in value.split("\n")], '        """;']
        return [f'    public static final String {n} = "{value}";']


class RustHost(Host):
    name, weight, blocks = "rust", 2, True
    paths = ["services/{svc}/src/config.rs", "tools/{svc}/src/main.rs"]

    def head(self, rng, svc):
        return ["//! Build-time configuration.", "", f'pub const SERVICE: &str = "{svc}";']

    def render(self, rng, name, value, raw):
        n = style(name, "upper")
        if raw:
            return [f"pub const {n}: &str = {value};"]
        if "\n" in value:
            return [f'pub const {n}: &str = r#"{value}"#;']
        return [f'pub const {n}: &str = "{value}";']


class TomlHost(Host):
    name, weight, style, blocks = "toml", 3, "snake", True
    paths = ["services/{svc}/config.toml", "services/{svc}/settings.toml", "tools/{svc}/config/production.toml"]

    def head(self, rng, svc):
        return ["[server]", "port = 8080", f'name = "{svc}"', "", rng.choice(["[integrations]", "[credentials]", "[providers]"])]

    def render(self, rng, name, value, raw):
        n = style(name, "snake")
        if raw:
            return [f"{n} = {value}"]
        if "\n" in value:
            return [f'{n} = """', value, '"""']
        return [f'{n} = "{value}"']


class XmlHost(Host):
    name, weight = "xml", 3
    paths = ["services/{svc}/Web.config", "services/{svc}/App.config"]

    def head(self, rng, svc):
        return ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>",
                f'    <add key="ServiceName" value="{svc}" />']

    def tail(self, rng, svc):
        return ["  </appSettings>", "</configuration>"]

    def render(self, rng, name, value, raw):
        return [f'    <add key="{style(name, "pascal")}" value="{xml_escape(value)}" />']


class PhpHost(Host):
    name, weight = "php", 3
    paths = ["web/{svc}/config/app.php", "web/{svc}/wp-config.php", "web/{svc}/config/services.php"]

    def head(self, rng, svc):
        return ["<?php", f"// {svc} configuration", ""]

    def render(self, rng, name, value, raw):
        v = value if raw else f"'{value}'"
        return [f"define('{style(name, 'upper')}', {v});"]


class RubyHost(Host):
    name, weight = "ruby", 3
    paths = ["services/{svc}/config/initializers/{svc}.rb", "services/{svc}/config/environments/production.rb"]

    def head(self, rng, svc):
        return ["# frozen_string_literal: true", "", "Rails.application.configure do"]

    def tail(self, rng, svc):
        return ["end"]

    def render(self, rng, name, value, raw):
        v = value if raw else f"'{value}'"
        return [f"  config.x.{style(name, 'snake')} = {v}"]


class Ps1Host(Host):
    name, weight = "ps1", 2
    paths = ["scripts/windows/deploy-{svc}.ps1", "scripts/windows/{svc}-setup.ps1"]

    def head(self, rng, svc):
        return ['$ErrorActionPreference = "Stop"', f"# {svc} deployment on the Windows build agents", ""]

    def render(self, rng, name, value, raw):
        v = value if raw else f"'{value}'"
        return [f"$env:{style(name, 'upper')} = {v}"]

    def write(self, rng, f, svc, items):
        f.crlf = True
        super().write(rng, f, svc, items)


class MarkdownHost(Host):
    name, weight, blocks = "markdown", 5, True
    paths = ["services/{svc}/README.md", "docs/runbooks/{svc}.md", "docs/setup/{svc}.md"]

    def write(self, rng, f, svc, items):
        f.add(f"# {svc}", "", f"The {svc} service. Owned by the platform team.", "", "## Configuration", "",
              "Set these before running it locally:", "", "```sh")
        for item in items:
            lines = []
            for name, value, raw in item.pairs:
                lines += value.split("\n") if "\n" in value else [f"export {style(name, 'upper')}={value}"]
            f.mark(item, lines)
        f.add("```", "", "Then run `make dev`.")


class JsonHost(Host):
    name, weight, json_docs, blocks = "json", 8, True, True
    paths = ["services/{svc}/config.json", "services/{svc}/appsettings.Production.json", "apps/{svc}/src/config/prod.json",
             "services/{svc}/secrets.json", "apps/{svc}/app.config.json"]

    def write(self, rng, f, svc, items):
        how = rng.choice(["camel", "snake", "pascal"])

        def chunk(name, value, raw=False):
            key = json.dumps(style(name, how))
            if value.startswith("{") and "\n" in value:
                doc = json.dumps(json.loads(value), indent=2).split("\n")
                return [f"    {key}: {doc[0]}"] + [f"    {ln}" for ln in doc[1:]]
            return [f"    {key}: {value if raw else json.dumps(value)}"]

        # entries: (chunks, item or None); every chunk but the very last ends with a comma
        entries = [([chunk("name", svc)], None), ([chunk("port", "8080")], None)]
        for item in items:
            entries.append(([chunk(n, v, raw) for n, v, raw in item.pairs], item))
            if rng.random() < 0.4:
                entries.append(([chunk(*self.benign(rng))], None))
        total = sum(len(chunks) for chunks, _ in entries)
        f.add("{", '  "service": {', '    "region": "eu-west-1"', "  },", '  "settings": {')
        seen = 0
        for chunks, item in entries:
            lines = []
            for c in chunks:
                seen += 1
                lines += c[:-1] + [c[-1] + ("," if seen < total else "")]
            if item is None:
                f.add(*lines)
            else:
                f.mark(item, lines)
        f.add("  }", "}")


HOSTS = [EnvHost(), ShellHost(), DockerfileHost(), PropertiesHost(), YamlHost(), HelmHost(), ComposeHost(),
         WorkflowHost(), TerraformHost(), PythonHost(), NotebookHost(), JsHost(), MinJsHost(), GoHost(), JavaHost(),
         RustHost(), TomlHost(), XmlHost(), PhpHost(), RubyHost(), Ps1Host(), MarkdownHost(), JsonHost()]
HOST_BY_NAME = {h.name: h for h in HOSTS}


# --- the corpus ---------------------------------------------------------------------------------------

SERVICES = ["billing", "payments", "checkout", "notifier", "search", "auth", "gateway", "reports", "ingest", "mailer",
            "scheduler", "catalog", "inventory", "analytics", "webhooks", "media", "chat", "ledger", "orders", "profile",
            "shipping", "pricing", "fraud", "identity", "exporter", "importer", "crawler", "recommender", "audit",
            "invoices", "subscriptions", "support", "onboarding", "metrics", "alerts", "dispatcher", "geo", "uploads",
            "thumbnails", "feeds"]
ENVS = ["prod", "staging", "shared"]


class Corpus:
    def __init__(self, rng, pool):
        self.rng, self.pool, self.files = rng, pool, {}

    def new(self, templates):
        rng = self.rng
        for _ in range(500):
            svc = rng.choice(SERVICES)
            path = rng.choice(templates).format(svc=svc, env=rng.choice(ENVS), hash=rs(rng, 8, LOWER_ALNUM),
                                                KEYID=rs(rng, 10, UPPER_ALNUM))
            if path not in self.files:
                f = FileOut(path)
                self.files[path] = f
                return f, svc
        raise RuntimeError(f"no free path among {templates}")


def pos(kind, category):
    return Item(kind, True, category, [])


def neg(kind):
    return Item(kind, False, "negative", [])


# Credential files: the secret is there because of where it is.

def write_k8s_secret(c, rng):
    f, svc = c.new(["deploy/k8s/{svc}/secret.yaml", "k8s/{svc}/secrets.yaml", "deploy/k8s/{svc}/{env}/credentials.yaml"])
    f.add("apiVersion: v1", "kind: Secret", "metadata:", f"  name: {svc}-credentials", f"  namespace: {svc}", "type: Opaque")
    plain = rng.random() < 0.35
    f.add("stringData:" if plain else "data:")
    secrets = [("DATABASE_URL", "postgres-url", "database", db_url("postgres", ["pg-primary.prod.svc"], port=5432)),
               ("STRIPE_SECRET_KEY", "stripe-secret-key", "payment", stripe_live("sk_live_")),
               ("GITHUB_TOKEN", "github-pat", "code-hosting", github_classic("ghp_")),
               ("JWT_SECRET", "generic-secret", "generic", generic_api_key),
               ("SENDGRID_API_KEY", "sendgrid-api-key", "communication", sendgrid),
               ("DB_PASSWORD", "generic-password", "generic", password_value),
               ("SLACK_BOT_TOKEN", "slack-bot-token", "communication", slack_bot)]
    benign = [("DB_USER", "app"), ("DB_HOST", "pg-primary.prod.svc"), ("DB_NAME", "orders"), ("SMTP_PORT", "587")]
    chosen = rng.sample(secrets, rng.randrange(2, 5))
    for key, value in rng.sample(benign, rng.randrange(0, 3)):
        if plain:
            f.add(f"  {key}: {value}")
        else:
            f.mark(neg("encoded-non-secret"), [f"  {key}: {b64(value.encode())}"])
    for key, kind, category, gen in chosen:
        value = gen(rng)
        if plain:
            f.mark(pos(kind, category), [f'  {key}: "{value}"'])
        else:
            f.mark(pos("kubernetes-secret-data", "kubernetes"), [f"  {key}: {b64(value.encode())}"])


def write_tls_secret(c, rng):
    f, svc = c.new(["deploy/k8s/{svc}/tls-secret.yaml", "k8s/{svc}/ingress-tls.yaml"])
    ca = c.pool.public_rsa()
    leaf = c.pool.rsa()
    cert = x509_cert(rng, leaf, f"{svc}.acme.io", "Acme", issuer_key=ca, issuer=("Acme Internal CA", "Acme"))
    key = pem("RSA PRIVATE KEY", leaf.pkcs1()) if rng.random() < 0.5 else pem("PRIVATE KEY", leaf.pkcs8())
    f.add("apiVersion: v1", "kind: Secret", "metadata:", f"  name: {svc}-tls", f"  namespace: {svc}",
          "type: kubernetes.io/tls", "data:")
    f.mark(neg("certificate"), [f"  tls.crt: {b64((cert + chr(10)).encode())}"])
    f.mark(pos("kubernetes-secret-data", "kubernetes"), [f"  tls.key: {b64((key + chr(10)).encode())}"])


def k8s_sa_jwt(c, rng):
    ns = rng.choice(["ci", "deploy", "monitoring", "kube-system"])
    sa = rng.choice(["deployer", "github-actions", "argocd-manager", "prometheus"])
    payload = {"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": ns,
               "kubernetes.io/serviceaccount/secret.name": f"{sa}-token-{rs(rng, 5, LOWER_ALNUM)}",
               "kubernetes.io/serviceaccount/service-account.name": sa,
               "kubernetes.io/serviceaccount/service-account.uid": uuid4(rng), "sub": f"system:serviceaccount:{ns}:{sa}"}
    return jwt(rng, payload, c.pool.public_rsa())


def write_kubeconfig(c, rng):
    f, svc = c.new(["deploy/{env}/kubeconfig.yaml", "ops/{svc}/kubeconfig", ".kube/config", "ci/{svc}-kubeconfig.yml"])
    ca_key = c.pool.public_rsa()
    ca = x509_cert(rng, ca_key, "kubernetes", "kubernetes")
    cluster = rng.choice(["prod-eu-1", "staging-us-2", "ops"])
    f.add("apiVersion: v1", "kind: Config", "clusters:", "- cluster:")
    f.mark(neg("certificate"), [f"    certificate-authority-data: {b64((ca + chr(10)).encode())}"])
    f.add(f"    server: https://{cluster}.k8s.acme-internal.io:6443", f"  name: {cluster}", "contexts:",
          "- context:", f"    cluster: {cluster}", f"    user: {svc}-deployer", f"  name: {cluster}",
          f"current-context: {cluster}", "preferences: {}", "users:", f"- name: {svc}-deployer", "  user:")
    if rng.random() < 0.5:
        f.mark(pos("kubeconfig-token", "kubernetes"), [f"    token: {k8s_sa_jwt(c, rng)}"])
    else:
        key = ECKey(rng)
        cert = x509_cert(rng, c.pool.public_rsa(), f"{svc}-deployer", "system:masters", issuer_key=ca_key,
                         issuer=("kubernetes", "kubernetes"))
        f.mark(neg("certificate"), [f"    client-certificate-data: {b64((cert + chr(10)).encode())}"])
        f.mark(pos("kubeconfig-client-key", "kubernetes"),
               [f"    client-key-data: {b64((pem('EC PRIVATE KEY', key.sec1()) + chr(10)).encode())}"])


def write_npmrc(c, rng):
    f, svc = c.new(["apps/{svc}/.npmrc", "web/{svc}/.npmrc", "packages/{svc}/.npmrc"])
    f.add("registry=https://registry.npmjs.org/", "save-exact=true")
    form = rng.random()
    if form < 0.15:
        f.mark(neg("env-reference"), ["//registry.npmjs.org/:_authToken=${NPM_TOKEN}"])
    elif form < 0.55:
        f.mark(pos("npmrc-auth-token", "config-file"), [f"//registry.npmjs.org/:_authToken={npm_token(rng)}"])
    elif form < 0.75:
        f.mark(pos("npmrc-auth-token", "config-file"), [f"//registry.npmjs.org/:_authToken={uuid4(rng)}"])
    elif form < 0.9:
        f.add("@acme:registry=https://npm.pkg.github.com")
        f.mark(pos("npmrc-auth-token", "config-file"), [f"//npm.pkg.github.com/:_authToken={github_classic('ghp_')(rng)}"])
    else:
        f.add("@acme:registry=https://nexus.acme-internal.io/repository/npm-private/")
        f.mark(pos("npmrc-auth", "config-file"),
               [f"//nexus.acme-internal.io/repository/npm-private/:_auth={b64(f'deploy:{password_value(rng)}'.encode())}"])
        f.add("always-auth=true")


def write_pypirc(c, rng):
    f, _ = c.new(["tools/{svc}/.pypirc", "packages/{svc}/.pypirc", ".pypirc"])
    f.add("[distutils]", "index-servers =", "    pypi", "    internal", "", "[pypi]", "username = __token__")
    f.mark(pos("pypirc-password", "config-file"), [f"password = {pypi_token(rng)}"])
    f.add("", "[internal]", "repository = https://nexus.acme-internal.io/repository/pypi-internal/", "username = deploy")
    f.mark(pos("pypirc-password", "config-file"), [f"password = {password_value(rng)}"])


def write_netrc(c, rng):
    f, _ = c.new(["ops/{svc}/.netrc", "ci/{svc}/netrc", ".netrc"])
    for _ in range(rng.randrange(1, 3)):
        machine, login, secret = rng.choice([
            ("api.heroku.com", "ops@acme.io", uuid4(rng)), ("git.heroku.com", "ops@acme.io", uuid4(rng)),
            ("github.com", "acme-ci", github_classic("ghp_")(rng)), ("nexus.acme-internal.io", "deploy", password_value(rng)),
            ("urs.earthdata.nasa.gov", "acme-data", password_value(rng))])
        if rng.random() < 0.5:
            f.mark(pos("netrc-password", "config-file"), [f"machine {machine} login {login} password {secret}"])
        else:
            f.mark(pos("netrc-password", "config-file"), [f"machine {machine}", f"  login {login}", f"  password {secret}"])


def write_docker_config(c, rng):
    f, _ = c.new(["ci/{svc}/.docker/config.json", "deploy/{svc}/docker-config.json", ".docker/config.json"])
    registry = rng.choice(["https://index.docker.io/v1/", "ghcr.io", "registry.acme-internal.io", "acme.azurecr.io"])
    f.add("{", '  "auths": {', f'    "{registry}": {{')
    if rng.random() < 0.2:
        f.add('      "email": "ci@acme.io"', "    }", "  },")
        f.add('  "credsStore": "desktop"', "}")
        return
    user = rng.choice(["acmeci", "deploy", "00000000-0000-0000-0000-000000000000"])
    secret = rng.choice([password_value(rng), prefixed("dckr_pat_", 27, B64URL)(rng), github_classic("ghp_")(rng)])
    f.mark(pos("docker-config-auth", "config-file"), [f'      "auth": "{b64(f"{user}:{secret}".encode())}"'])
    f.add("    }", "  }", "}")


def write_git_credentials(c, rng):
    f, _ = c.new(["ci/{svc}/.git-credentials", "ops/{svc}/git-credentials", ".git-credentials"])
    for _ in range(rng.randrange(1, 3)):
        f.mark(pos("git-credentials", "config-file"), [rng.choice([
            f"https://acme-ci:{github_classic('ghp_')(rng)}@github.com",
            f"https://oauth2:glpat-{rs(rng, 20, B64URL)}@gitlab.com",
            f"https://deploy:{password_value(rng)}@bitbucket.org"])])


def write_aws_credentials(c, rng):
    f, _ = c.new(["ops/{svc}/.aws/credentials", "ci/{svc}/aws-credentials", ".aws/credentials"])
    for profile in rng.sample(["default", "prod", "staging", "backup"], rng.randrange(1, 3)):
        f.add(f"[{profile}]")
        (_, key_id), (_, secret) = aws_pair(rng)
        f.mark(pos("aws-credentials-file", "config-file"),
               [f"aws_access_key_id = {key_id}", f"aws_secret_access_key = {secret}"])
        f.add("region = eu-west-1", "")


def write_s3cfg(c, rng):
    f, _ = c.new(["ops/{svc}/.s3cfg"])
    (_, key_id), (_, secret) = aws_pair(rng)
    f.add("[default]")
    f.mark(pos("aws-credentials-file", "config-file"), [f"access_key = {key_id}", f"secret_key = {secret}"])
    f.add("bucket_location = EU", "host_base = s3.amazonaws.com", "use_https = True")


def write_maven_settings(c, rng):
    f, _ = c.new(["services/{svc}/.mvn/settings.xml", "ci/{svc}/maven-settings.xml"])
    f.add('<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">', "  <servers>", "    <server>",
          "      <id>nexus-releases</id>", "      <username>deploy</username>")
    if rng.random() < 0.3:
        f.mark(neg("encrypted-value"), [f"      <password>{{{b64(rbytes(rng, 32))}}}</password>"])
    else:
        f.mark(pos("maven-settings-password", "config-file"), [f"      <password>{xml_escape(password_value(rng))}</password>"])
    f.add("    </server>", "  </servers>", "</settings>")


def write_edgerc(c, rng):
    f, _ = c.new(["ops/{svc}/.edgerc", ".edgerc"])
    (_, tok), (_, sec), (_, acc) = akamai_pair(rng)
    f.add("[default]")
    host = f"akab-{rs(rng, 16, LOWER_ALNUM)}-{rs(rng, 16, LOWER_ALNUM)}.luna.akamaiapis.net"
    f.mark(pos("akamai-edgerc", "config-file"), [f"client_secret = {sec}", f"host = {host}",
                                                 f"access_token = {acc}", f"client_token = {tok}"])


def write_cargo_credentials(c, rng):
    f, _ = c.new(["tools/{svc}/.cargo/credentials.toml", ".cargo/credentials.toml"])
    f.add("[registry]")
    f.mark(pos("cargo-credentials", "config-file"), [f'token = "cio{rs(rng, 32)}"'])


def write_terraformrc(c, rng):
    f, _ = c.new(["infra/{env}/.terraformrc", ".terraformrc"])
    f.add('credentials "app.terraform.io" {')
    f.mark(pos("terraform-cloud-token", "devops"), [f'  token = "{tfc_token(rng)}"'])
    f.add("}")


def write_composer_auth(c, rng):
    f, _ = c.new(["web/{svc}/auth.json"])
    f.add("{", '    "github-oauth": {')
    f.mark(pos("github-oauth-token", "code-hosting"), [f'        "github.com": "{github_classic("gho_")(rng)}"'])
    f.add("    },", '    "http-basic": {', '        "repo.packagist.com": {', '            "username": "token",')
    f.mark(pos("composer-auth-password", "config-file"), [f'            "password": "{rs(rng, 40, HEX)}"'])
    f.add("        }", "    }", "}")


def write_gem_credentials(c, rng):
    f, _ = c.new(["tools/{svc}/.gem/credentials", ".gem/credentials"])
    f.add("---")
    f.mark(pos("rubygems-api-key", "package-registry"), [f":rubygems_api_key: rubygems_{rs(rng, 48, HEX)}"])


def write_nuget_config(c, rng):
    f, svc = c.new(["services/{svc}/NuGet.Config", "services/{svc}/nuget.config"])
    f.add('<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <packageSources>",
          '    <add key="acme" value="https://pkgs.dev.azure.com/acme/_packaging/internal/nuget/v3/index.json" />',
          "  </packageSources>", "  <packageSourceCredentials>", "    <acme>", '      <add key="Username" value="build" />')
    f.mark(pos("nuget-config-password", "config-file"),
           [f'      <add key="ClearTextPassword" value="{rs(rng, 52, "abcdefghijklmnopqrstuvwxyz234567")}" />'])
    f.add("    </acme>", "  </packageSourceCredentials>", "</configuration>")


def write_wp_config(c, rng):
    f, _ = c.new(["web/{svc}/wp-config.php"])
    f.add("<?php", "define( 'DB_NAME', 'wordpress' );", "define( 'DB_USER', 'wp' );")
    f.mark(pos("generic-password", "generic"), [f"define( 'DB_PASSWORD', '{password_value(rng)}' );"])
    f.add("define( 'DB_HOST', 'mysql.internal' );", "")
    salt_chars = string.ascii_letters + string.digits + "!#%()*+,-./:;<=>?@[]^_{|}~"
    for name in ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY"]:
        f.mark(pos("wordpress-salt", "generic"), [f"define( '{name}', '{rs(rng, 64, salt_chars)}' );"])
    f.add("", "$table_prefix = 'wp_';", "require_once ABSPATH . 'wp-settings.php';")


def write_kubeadm(c, rng):
    f, _ = c.new(["ops/cluster/join-{svc}-nodes.sh"])
    f.add("#!/bin/sh", "set -e")
    f.mark(pos("kubeadm-bootstrap-token", "devops"),
           [f"kubeadm join 10.0.0.10:6443 --token {kubeadm_token(rng)} \\",
            f"    --discovery-token-ca-cert-hash sha256:{rs(rng, 64, HEX)}"])


# Negatives that come as whole files.

NPM_PACKAGES = ["lodash", "express", "react", "react-dom", "axios", "debug", "ms", "chalk", "commander", "semver", "uuid",
                "yargs", "minimist", "glob", "rimraf", "mkdirp", "typescript", "eslint", "prettier", "webpack", "zod",
                "dotenv", "body-parser", "cookie", "qs", "send", "mime", "depd", "statuses", "inherits", "safe-buffer",
                "readable-stream", "tslib", "rxjs", "date-fns", "classnames", "@babel/core", "@types/node", "jest", "ws"]
GO_MODULES = ["github.com/spf13/cobra", "github.com/stretchr/testify", "golang.org/x/sys", "golang.org/x/net",
              "google.golang.org/grpc", "github.com/prometheus/client_golang", "go.uber.org/zap", "github.com/google/uuid",
              "gopkg.in/yaml.v3", "github.com/aws/aws-sdk-go-v2", "github.com/jackc/pgx/v5", "golang.org/x/crypto",
              "github.com/redis/go-redis/v9", "go.opentelemetry.io/otel", "github.com/gorilla/mux", "k8s.io/client-go"]
CRATES = ["serde", "serde_json", "tokio", "anyhow", "thiserror", "regex", "clap", "tracing", "reqwest", "hyper", "bytes",
          "rand", "syn", "quote", "proc-macro2", "once_cell", "libc", "memchr", "itoa", "ryu", "log", "cfg-if", "futures"]
PYPI = ["requests", "urllib3", "certifi", "idna", "charset-normalizer", "django", "sqlparse", "asgiref", "celery",
        "redis", "boto3", "botocore", "jmespath", "s3transfer", "pydantic", "typing-extensions", "click", "gunicorn"]


def version(rng):
    return f"{rng.randrange(0, 10)}.{rng.randrange(0, 30)}.{rng.randrange(0, 20)}"


def sri512(rng):
    return "sha512-" + b64(rbytes(rng, 64))


def write_package_lock(c, rng):
    f, svc = c.new(["apps/{svc}/package-lock.json", "web/{svc}/package-lock.json"])
    pkgs = rng.sample(NPM_PACKAGES, rng.randrange(15, 30))
    f.add("{", f'  "name": "{svc}",', '  "version": "1.0.0",', '  "lockfileVersion": 3,', '  "requires": true,',
          '  "packages": {', '    "": {', f'      "name": "{svc}",', '      "version": "1.0.0"', "    },")
    for i, p in enumerate(pkgs):
        v = version(rng)
        base = p.split("/")[-1]
        f.add(f'    "node_modules/{p}": {{', f'      "version": "{v}",',
              f'      "resolved": "https://registry.npmjs.org/{p}/-/{base}-{v}.tgz",')
        f.mark(neg("npm-integrity"), [f'      "integrity": "{sri512(rng)}",'])
        f.add('      "license": "MIT"', "    }" + ("," if i < len(pkgs) - 1 else ""))
    f.add("  }", "}")


def write_yarn_lock(c, rng):
    f, _ = c.new(["web/{svc}/yarn.lock", "apps/{svc}/yarn.lock"])
    f.add("# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", "")
    for p in rng.sample(NPM_PACKAGES, rng.randrange(12, 22)):
        v = version(rng)
        base = p.split("/")[-1]
        f.add(f'"{p}@^{v}":' if p.startswith("@") else f"{p}@^{v}:", f'  version "{v}"')
        f.mark(neg("sha1-hash"), [f'  resolved "https://registry.yarnpkg.com/{p}/-/{base}-{v}.tgz#{rs(rng, 40, HEX)}"'])
        f.mark(neg("npm-integrity"), [f"  integrity {sri512(rng)}"])
        f.add("")


def write_pnpm_lock(c, rng):
    f, _ = c.new(["apps/{svc}/pnpm-lock.yaml"])
    f.add("lockfileVersion: '9.0'", "", "packages:", "")
    for p in rng.sample(NPM_PACKAGES, rng.randrange(12, 20)):
        f.add(f"  '{p}@{version(rng)}':" if p.startswith("@") else f"  {p}@{version(rng)}:")
        f.mark(neg("npm-integrity"), [f"    resolution: {{integrity: {sri512(rng)}}}"])
        f.add("")


def write_go_sum(c, rng):
    f, _ = c.new(["services/{svc}/go.sum", "cmd/{svc}/go.sum"])
    for m in sorted(rng.sample(GO_MODULES, rng.randrange(8, 14))):
        v = "v" + version(rng)
        f.mark(neg("go-sum"), [f"{m} {v} h1:{b64(rbytes(rng, 32))}"])
        f.mark(neg("go-sum"), [f"{m} {v}/go.mod h1:{b64(rbytes(rng, 32))}"])


def write_go_mod(c, rng):
    f, svc = c.new(["services/{svc}/go.mod"])
    f.add(f"module github.com/acme/{svc}", "", "go 1.22", "", "require (")
    for m in sorted(rng.sample(GO_MODULES, 5)):
        f.add(f"\t{m} v{version(rng)}")
    for lib in ["internal-auth", "platform-kit"]:
        f.mark(neg("git-sha"), [f"\tgithub.com/acme/{lib} v0.0.0-2024{rng.randrange(10, 13)}{rng.randrange(10, 29)}"
                                f"{rs(rng, 6, DIGITS)}-{rs(rng, 12, HEX)}"])
    f.add(")")


def write_cargo_lock(c, rng):
    f, _ = c.new(["tools/{svc}/Cargo.lock", "services/{svc}/Cargo.lock"])
    f.add("# This file is automatically @generated by Cargo.", "# It is not intended for manual editing.", "version = 4", "")
    for crate in sorted(rng.sample(CRATES, rng.randrange(10, 18))):
        f.add("[[package]]", f'name = "{crate}"', f'version = "{version(rng)}"',
              'source = "registry+https://github.com/rust-lang/crates.io-index"')
        f.mark(neg("lockfile-checksum"), [f'checksum = "{rs(rng, 64, HEX)}"'])
        f.add("")


def write_poetry_lock(c, rng):
    f, _ = c.new(["services/{svc}/poetry.lock"])
    for p in rng.sample(PYPI, rng.randrange(6, 10)):
        v = version(rng)
        f.add("[[package]]", f'name = "{p}"', f'version = "{v}"', 'optional = false', 'python-versions = ">=3.8"', "files = [")
        for ext in ["py3-none-any.whl", "tar.gz"]:
            fname = f"{p.replace('-', '_')}-{v}-{ext}" if ext.endswith("whl") else f"{p}-{v}.tar.gz"
            f.mark(neg("lockfile-checksum"), [f'    {{file = "{fname}", hash = "sha256:{rs(rng, 64, HEX)}"}},'])
        f.add("]", "")


def write_requirements_hashes(c, rng):
    f, _ = c.new(["services/{svc}/requirements.txt", "services/{svc}/requirements-lock.txt"])
    f.add("# generated by pip-compile --generate-hashes")
    for p in rng.sample(PYPI, rng.randrange(5, 9)):
        f.add(f"{p}=={version(rng)} \\")
        f.mark(neg("lockfile-checksum"), [f"    --hash=sha256:{rs(rng, 64, HEX)} \\", f"    --hash=sha256:{rs(rng, 64, HEX)}"])


def write_certificates(c, rng):
    f, svc = c.new(["certs/{svc}/ca.crt", "certs/{svc}/tls.crt", "deploy/{svc}/fullchain.pem", "services/{svc}/certs/client.crt"])
    ca_key = c.pool.public_rsa()
    for _ in range(rng.randrange(1, 3)):
        f.mark(neg("certificate"), [x509_cert(rng, c.pool.public_rsa(), f"{svc}.acme.io", "Acme", issuer_key=ca_key,
                                              issuer=("Acme Internal CA", "Acme"))])


def write_ca_configmap(c, rng):
    f, svc = c.new(["deploy/k8s/{svc}/ca-bundle.yaml"])
    f.add("apiVersion: v1", "kind: ConfigMap", "metadata:", f"  name: {svc}-ca-bundle", "data:", "  ca.crt: |")
    cert = x509_cert(rng, c.pool.public_rsa(), "Acme Internal CA", "Acme")
    f.mark(neg("certificate"), ["    " + ln for ln in cert.split("\n")])


def write_public_keys(c, rng):
    choice = rng.choice(["authorized_keys", "pem", "jwks", "pgp", "known_hosts", "pub"])
    if choice == "authorized_keys":
        f, _ = c.new(["deploy/{svc}/authorized_keys", "ansible/files/{svc}_authorized_keys"])
        for who in rng.sample(["alice@laptop", "bob@workstation", "deploy@ci", "ops@bastion"], rng.randrange(2, 4)):
            key = Ed25519Key(rng) if rng.random() < 0.6 else c.pool.public_rsa()
            f.mark(neg("public-key"), [ssh_public_line(key, who)])
    elif choice == "known_hosts":
        f, _ = c.new(["ci/{svc}/known_hosts"])
        for host in ["github.com", "gitlab.com", "bastion.acme-internal.io"]:
            f.mark(neg("public-key"), [f"{host} {ssh_public_line(Ed25519Key(rng), '').strip()}"])
    elif choice == "pem":
        f, _ = c.new(["keys/{svc}.pub.pem", "services/{svc}/config/jwt/public.pem"])
        f.mark(neg("public-key"), [pem("PUBLIC KEY", c.pool.public_rsa().spki())])
    elif choice == "pub":
        f, _ = c.new(["deploy/{svc}/deploy_key.pub", "keys/{svc}_ed25519.pub"])
        f.mark(neg("public-key"), [ssh_public_line(Ed25519Key(rng), "deploy@ci")])
    elif choice == "jwks":
        f, _ = c.new(["services/{svc}/static/.well-known/jwks.json"])
        key = c.pool.public_rsa()
        n = b64url(key.n.to_bytes(256, "big"))
        f.add("{", '  "keys": [', "    {", '      "kty": "RSA",', '      "use": "sig",', f'      "kid": "{rs(rng, 16, HEX)}",',
              '      "alg": "RS256",')
        f.mark(neg("public-key"), [f'      "n": "{n}",'])
        f.add('      "e": "AQAB"', "    }", "  ]", "}")
    else:
        f, _ = c.new(["keys/{svc}-release-signing.pub.asc"])
        f.mark(neg("public-key"), [pgp_rsa_keyblock(rng, c.pool.public_rsa(), "Release Signing <release@acme.io>", secret=False)])


def write_sops(c, rng):
    f, svc = c.new(["deploy/{svc}/secrets.enc.yaml", "infra/{env}/{svc}/secrets.sops.yaml"])
    for key in rng.sample(["db_password", "stripe_secret_key", "api_key", "jwt_secret", "smtp_password"], 3):
        f.mark(neg("encrypted-value"), [f"{key}: ENC[AES256_GCM,data:{b64(rbytes(rng, rng.randrange(12, 40)))},"
                                        f"iv:{b64(rbytes(rng, 32))},tag:{b64(rbytes(rng, 16))},type:str]"])
    f.add("sops:", "    age:")
    f.mark(neg("public-key"), [f"        - recipient: {bech32('age', rbytes(rng, 32))}"])
    f.add("          enc: |")
    f.mark(neg("encrypted-value"), ["            -----BEGIN AGE ENCRYPTED FILE-----",
                                    *["            " + ln for ln in wrap(b64(rbytes(rng, 190)), 64)],
                                    "            -----END AGE ENCRYPTED FILE-----"])
    f.add('    lastmodified: "2025-03-11T09:12:44Z"')
    f.mark(neg("encrypted-value"), [f"    mac: ENC[AES256_GCM,data:{b64(rbytes(rng, 32))},iv:{b64(rbytes(rng, 32))},"
                                    f"tag:{b64(rbytes(rng, 16))},type:str]"])
    f.add("    unencrypted_suffix: _unencrypted", "    version: 3.9.4")


def write_sealed_secret(c, rng):
    f, svc = c.new(["deploy/k8s/{svc}/sealed-secret.yaml"])
    f.add("apiVersion: bitnami.com/v1alpha1", "kind: SealedSecret", "metadata:", f"  name: {svc}-credentials",
          f"  namespace: {svc}", "spec:", "  encryptedData:")
    for key in rng.sample(["DATABASE_URL", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "JWT_SECRET"], 2):
        f.mark(neg("encrypted-value"), [f"    {key}: AgB{rs(rng, rng.randrange(600, 720), B64)}=="])


def write_ansible_vault(c, rng):
    f, svc = c.new(["ansible/group_vars/{svc}/vault.yml", "ansible/host_vars/{svc}-01/vault.yml"])
    body = "\n".join(wrap(rs(rng, rng.randrange(600, 1200), HEX), 80))
    f.mark(neg("encrypted-value"), ["$ANSIBLE_VAULT;1.1;AES256", body])


def write_css(c, rng):
    f, svc = c.new(["web/{svc}/src/styles/app.css", "web/{svc}/public/css/site.css"])
    f.add(":root {", f"  --brand: #{rs(rng, 6, HEX)};", "}", "", ".logo {")
    f.mark(neg("base64-image"), [f'  background-image: url("data:image/png;base64,{b64(png(rng, 16, 16))}");'])
    f.add("  width: 32px;", "}", "", "@font-face {", '  font-family: "Inter";')
    f.mark(neg("base64-font"), [f'  src: url("data:font/woff2;base64,{b64(b"wOF2" + rbytes(rng, 900))}") format("woff2");'])
    f.add("}")


def write_html(c, rng):
    f, svc = c.new(["web/{svc}/public/index.html", "web/{svc}/templates/base.html"])
    f.add("<!doctype html>", '<html lang="en">', "<head>", '  <meta charset="utf-8">', f"  <title>{svc}</title>")
    f.mark(neg("sri-hash"), [f'  <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/css/bootstrap.min.css" '
                             f'integrity="sha384-{b64(rbytes(rng, 48))}" crossorigin="anonymous">'])
    f.mark(neg("sri-hash"), [f'  <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/js/bootstrap.bundle.min.js" '
                             f'integrity="sha384-{b64(rbytes(rng, 48))}" crossorigin="anonymous"></script>'])
    f.add("</head>", "<body>")
    f.mark(neg("base64-image"), [f'  <img alt="logo" src="data:image/png;base64,{b64(png(rng, 12, 12))}">'])
    f.add('  <div id="root"></div>', "</body>", "</html>")


def write_pinned_workflow(c, rng):
    f, svc = c.new([".github/workflows/{svc}-ci.yml"])
    f.add(f"name: {svc} ci", "on: [pull_request]", "permissions:", "  contents: read", "jobs:", "  build:",
          "    runs-on: ubuntu-latest", "    steps:")
    for action, tag in [("actions/checkout", "v4.1.7"), ("actions/setup-node", "v4.0.3"), ("actions/cache", "v4.0.2"),
                        ("docker/build-push-action", "v6.5.0")][:rng.randrange(2, 5)]:
        f.mark(neg("git-sha"), [f"      - uses: {action}@{rs(rng, 40, HEX)} # {tag}"])
    f.add("      - run: npm ci && npm run build")


def write_k8s_deployment(c, rng):
    f, svc = c.new(["deploy/k8s/{svc}/deployment.yaml", "k8s/{svc}/deploy.yaml"])
    f.add("apiVersion: apps/v1", "kind: Deployment", "metadata:", f"  name: {svc}", "spec:", "  template:",
          "    metadata:", "      annotations:")
    f.mark(neg("sha256-hash"), [f"        checksum/config: {rs(rng, 64, HEX)}"])
    f.add("    spec:", "      containers:", f"        - name: {svc}")
    f.mark(neg("image-digest"), [f"          image: registry.acme-internal.io/{svc}@sha256:{rs(rng, 64, HEX)}"])
    f.add("          env:", "            - name: LOG_LEVEL", "              value: info")
    for var, key in rng.sample([("DB_PASSWORD", "password"), ("STRIPE_SECRET_KEY", "stripe-key"),
                                ("API_TOKEN", "token"), ("JWT_SECRET", "jwt-secret")], 2):
        f.mark(neg("env-reference"), [f"            - name: {var}", "              valueFrom:", "                secretKeyRef:",
                                      f"                  name: {svc}-credentials", f"                  key: {key}"])


def write_test_fixtures(c, rng):
    f, svc = c.new(["services/{svc}/tests/test_{svc}.py", "services/{svc}/tests/fixtures.py"])
    f.add("import pytest", "", "")
    for name, value in rng.sample([("TEST_CARD", "4242424242424242"), ("DECLINED_CARD", "4000000000000002"),
                                   ("CARD_TOKEN", "tok_visa"), ("CUSTOMER_ID", f"cus_{rs(rng, 14)}"),
                                   ("FAKE_USER_ID", uuid4(rng)), ("ORDER_REF", f"ord_{rs(rng, 24)}"),
                                   ("EVENT_ID", f"evt_1{rs(rng, 23)}"), ("SESSION_ID", rs(rng, 32, HEX))], 4):
        f.mark(neg("test-fixture-id"), [f'{name} = "{value}"'])
    f.add("", "", "def test_charge(client):", "    assert client.charge(TEST_CARD if 'TEST_CARD' in globals() else None) is not None")


def write_docs_examples(c, rng):
    """A how-to page that quotes providers' documentation example keys."""
    f, svc = c.new(["docs/howto/{svc}-credentials.md", "docs/{svc}/aws-setup.md"])
    f.add(f"# Credentials for {svc}", "", "The AWS documentation uses these values in its examples; ours come from Vault.",
          "", "```ini", "[default]")
    (_, key_id), (_, secret) = DOC_EXAMPLES[0]
    f.mark(neg("doc-example-key"), [f"aws_access_key_id = {key_id}", f"aws_secret_access_key = {secret}"])
    f.add("```", "", "Local development uses the Azurite emulator's well-known account:", "", "```")
    f.mark(neg("doc-example-key"), [DOC_EXAMPLES[5][0][1]])
    f.add("```")


SPECIAL_WRITERS = [
    (write_k8s_secret, 6), (write_tls_secret, 2), (write_kubeconfig, 5), (write_npmrc, 6), (write_pypirc, 2),
    (write_netrc, 3), (write_docker_config, 4), (write_git_credentials, 3), (write_aws_credentials, 3), (write_s3cfg, 1),
    (write_maven_settings, 3), (write_edgerc, 1), (write_cargo_credentials, 1), (write_terraformrc, 1),
    (write_composer_auth, 1), (write_gem_credentials, 1), (write_nuget_config, 1), (write_wp_config, 1),
    (write_kubeadm, 1),
    (write_package_lock, 2), (write_yarn_lock, 1), (write_pnpm_lock, 1), (write_go_sum, 2), (write_go_mod, 1),
    (write_cargo_lock, 2), (write_poetry_lock, 1), (write_requirements_hashes, 1), (write_certificates, 4),
    (write_ca_configmap, 1), (write_public_keys, 8), (write_sops, 2), (write_sealed_secret, 1), (write_ansible_vault, 2),
    (write_css, 2), (write_html, 2), (write_pinned_workflow, 2), (write_k8s_deployment, 3), (write_test_fixtures, 2),
    (write_docs_examples, 1),
]


def generate(seed):
    rng = random.Random(seed)
    pool = KeyPool(rng)
    c = Corpus(rng, pool)
    items = []
    for kind in _kinds() + block_kinds(pool):
        for _ in range(kind.n):
            value = kind.gen(rng)
            if isinstance(value, list):
                pairs = [(n, v, False) for n, v in value]
            else:
                pairs = [(rng.choice(kind.names) if kind.names else "KEY", value, False)]
            item = Item(kind.name, True, kind.category, pairs)
            item.only = kind.hosts
            if kind.block and (kind.hosts == ["standalone"] or rng.random() < 0.55):
                f, _ = c.new(STANDALONE_PATHS[kind.name])
                f.mark(item, [value])
                continue
            items.append(item)
    keyword_pairs = list(KEYWORD_NON_SECRETS)
    for spec in _negatives():
        for _ in range(spec.n):
            if spec.name == "keyword-non-secret":
                name, value = rng.choice(keyword_pairs)
                item = Item(spec.name, False, "negative", [(name, value, False)])
            elif spec.name == "placeholder" and rng.random() < 0.3:
                item = Item(spec.name, False, "negative", [(*rng.choice(PREFIXED_PLACEHOLDERS), False)])
            elif spec.name == "masked-value":
                item = Item(spec.name, False, "negative", [(*neg_masked(rng), False)])
            elif spec.name == "doc-example-key":
                item = Item(spec.name, False, "negative", [(n, v, False) for n, v in rng.choice(DOC_EXAMPLES)])
            elif spec.name == "env-reference":
                item = Item(spec.name, False, "negative", None)
                item.ref_name = rng.choice(spec.names)
            elif spec.names is None:  # the generator names its value
                name, value = spec.gen(rng, None)
                item = Item(spec.name, False, "negative", [(name, value, False)])
            else:
                value, raw = spec.gen(rng, None)
                item = Item(spec.name, False, "negative", [(rng.choice(spec.names), value, raw)])
            item.only = None
            items.append(item)
    for writer, count in SPECIAL_WRITERS:
        for _ in range(count):
            writer(c, rng)

    rng.shuffle(items)
    open_files = {}
    for item in items:
        if item.pairs is None:
            hosts = [h for h in HOSTS if h.name in ENV_REF]
        else:
            hosts = [h for h in HOSTS if h.accepts(item) and (not item.only or h.name in item.only)]
        host = rng.choices(hosts, weights=[h.weight for h in hosts])[0]
        if item.pairs is None:
            item.pairs = [(item.ref_name, *neg_env_ref(rng, host.name, item.ref_name))]
        if host.name not in open_files:
            open_files[host.name] = ([], 1 if host.name == "minjs" else rng.randrange(1, 6))
        bucket, cap = open_files[host.name]
        bucket.append(item)
        if len(bucket) >= cap:
            _flush(c, rng, host, bucket)
            del open_files[host.name]
    for name, (bucket, _) in sorted(open_files.items()):
        _flush(c, rng, HOST_BY_NAME[name], bucket)
    return c.files


def _flush(c, rng, host, items):
    """Writes one file of HOST with ITEMS. A name used twice gets a suffix, so that
    structured files (TOML, JSON, YAML, Terraform) stay valid."""
    f, svc = c.new(host.paths)
    used = {"NAME", "PORT"}
    for item in items:
        pairs = []
        for name, value, raw in item.pairs:
            if name.upper() in used:
                name = next(f"{name}_{s}" for s in ("CI", "OLD", "STAGING", "BACKUP", "2", "3", "4", "5")
                            if f"{name}_{s}".upper() not in used)
            used.add(name.upper())
            pairs.append((name, value, raw))
        item.pairs = pairs
    host.used = set(used)
    host.write(rng, f, svc, items)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=20240601, help="random seed (default 20240601)")
    args = ap.parse_args()
    if os.path.exists(args.outdir) and os.listdir(args.outdir):
        sys.exit(f"gen_corpus: {args.outdir} exists and is not empty; remove it first")
    files = generate(args.seed)
    digest = hashlib.sha256()
    labels = []
    total = 0
    for path in sorted(files):
        f = files[path]
        data = f.text().encode()
        full = os.path.join(args.outdir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as out:
            out.write(data)
        total += len(data)
        digest.update(path.encode() + b"\0" + data + b"\0")
        labels += f.labels
    labels.sort(key=lambda l: (l["path"], l["line"]))
    with open(os.path.join(args.outdir, "labels.json"), "w") as out:
        json.dump(labels, out, indent=1)
        out.write("\n")
    positives = [l for l in labels if l["positive"]]
    negatives = [l for l in labels if not l["positive"]]
    print(f"gen_corpus: {len(files)} files, {total / 1e6:.1f} MB in {args.outdir}; "
          f"{len(positives)} positives of {len({l['kind'] for l in positives})} kinds, "
          f"{len(negatives)} negatives of {len({l['kind'] for l in negatives})} kinds; "
          f"seed={args.seed} sha256={digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
