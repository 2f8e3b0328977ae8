#!/usr/bin/env bash
# Certificates for mutual TLS between the gateway and the subgraphs, signed by a CA of the
# deployment's own: scripts/mtls-certs.sh <dir> <name>...  (e.g. secrets gateway subgraph-basis ...)
# Each name gets <name>.key and <name>.crt, valid as server and client, for DNS <name>, localhost
# and 127.0.0.1. The CA key (ca.key) signs nothing else: keep it offline once the certificates exist.
set -euo pipefail
dir=${1:?usage: mtls-certs.sh <dir> <name>...}; shift
mkdir -p "$dir"; umask 077
if [ ! -f "$dir/ca.crt" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 -subj "/CN=jongeren-federatie mTLS CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
fi
for name in "$@"; do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$name" -keyout "$dir/$name.key" -out "$dir/$name.csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature\n' "$name" > "$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 825 -extfile "$dir/$name.ext" -out "$dir/$name.crt" 2>/dev/null
  rm -f "$dir/$name.csr" "$dir/$name.ext"
done
echo "wrote certificates for $* to $dir/"
