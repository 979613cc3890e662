# The seed corpus of tests/fuzz/fuzz_webauthn.c (well-formed
# inputs for each of its five parsers; first byte = the parser).
# Run: OUT=tests/fuzz/corpus/webauthn python3 tests/fuzz/seeds_webauthn.py
import hashlib, struct, os
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives import hashes, serialization
def head(major, n):
    if n < 24: return bytes([major << 5 | n])
    if n < 256: return bytes([major << 5 | 24, n])
    return bytes([major << 5 | 25]) + struct.pack('>H', n)
def i(v): return head(0, v) if v >= 0 else head(1, -1 - v)
def b(x): return head(2, len(x)) + x
def t(s): return head(3, len(s)) + s.encode()
def m(pairs): return head(5, len(pairs)) + b''.join(k + v for k, v in pairs)
k = ec.generate_private_key(ec.SECP256R1())
pub = k.public_key().public_numbers()
cose_ec = m([(i(1), i(2)), (i(3), i(-7)), (i(-1), i(1)), (i(-2), b(pub.x.to_bytes(32, 'big'))), (i(-3), b(pub.y.to_bytes(32, 'big')))])
ek = ed25519.Ed25519PrivateKey.generate()
cose_ed = m([(i(1), i(1)), (i(3), i(-8)), (i(-1), i(6)), (i(-2), b(ek.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)))])
rp = hashlib.sha256(b'localhost').digest()
def ad(flags, counter, cose=None):
    x = rp + bytes([flags]) + struct.pack('>I', counter)
    if cose: x += b'\xaa' * 16 + struct.pack('>H', 16) + b'\x42' * 16 + cose
    return x
att = m([(t('fmt'), t('none')), (t('attStmt'), m([])), (t('authData'), b(ad(0x45, 0, cose_ec)))])
att_ed = m([(t('fmt'), t('packed')), (t('attStmt'), m([(t('alg'), i(-8))])), (t('authData'), b(ad(0x45 | 0x80, 1, cose_ed) + m([(t('credProtect'), i(2))])))])
cd = b'{"type":"webauthn.create","challenge":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","origin":"http://localhost:8080","crossOrigin":false}'
get = ad(0x05, 7)
cdj = b'{"type":"webauthn.get","challenge":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","origin":"http://localhost:8080"}'
sig = k.sign(get + hashlib.sha256(cdj).digest(), ec.ECDSA(hashes.SHA256()))
# case 4 splits the rest: half authenticator data, then key and signature halves
rest_len = len(cose_ec) * 2
keysig = cose_ec + sig.ljust(len(cose_ec), b'\0')[:len(cose_ec)]
seeds = {'att-none-es256': b'\0' + att, 'att-packed-eddsa-ext': b'\0' + att_ed,
         'authdata-at': b'\1' + ad(0x45, 0, cose_ec), 'cose-es256': b'\2' + cose_ec,
         'cose-eddsa': b'\2' + cose_ed, 'client-data': b'\3' + cd,
         'assert': b'\4' + get.ljust(len(keysig), b'\0')[:len(keysig)] + keysig}
d = os.environ['OUT']
for n, v in seeds.items(): open(os.path.join(d, n), 'wb').write(v)
