#!/usr/bin/env bash
# A JRE 17 base image built from Debian packages only, for building the image where no container registry
# is reachable (the development machine reaches Debian's archive and Maven Central, not Docker Hub):
#   deploy/base-images/debian-jre.sh target/debian-jre-base.tar     (root, Debian's mmdebstrap)
#   mvn -Pimage package -Dimage.base=tar://$PWD/target/debian-jre-base.tar
# The result is Debian bookworm (minbase) with openjdk-17-jre-headless, as a `docker save` tarball (one
# layer), which Jib takes as a base with `tar://`. Documentation, man pages and locales are left out (man pages
# only after the install: the JRE's update-alternatives links need their directories).
set -euo pipefail
out="${1:?usage: debian-jre.sh OUTPUT.tar}"
command -v mmdebstrap >/dev/null || { echo "debian-jre.sh: needs mmdebstrap (apt-get install mmdebstrap)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mmdebstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/usr/share/man/*' \
  bookworm "$work/layer.tar"
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
echo '[{"Config":"config.json","RepoTags":["hyperrep-base:debian-bookworm-jre17"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "$out: $(du -h "$out" | cut -f1), layer $diff_id"
