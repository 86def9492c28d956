# tests/lib/debfetch.sh - fetch Debian packages (binary or source) through
# apt with a private state directory, never touching the system's apt
# configuration.  Sourced by tests/cross-deps.sh, tests/cross-sysroot.sh,
# tests/vm/kernels.sh and tests/bench/kexec-tools.sh.
#
#   df_init DIR [ARCH]    private apt state in DIR: the system's own archives
#                         (deb and deb-src), for ARCH (default: the system's)
#   df_update             apt-get update; a partial failure is tolerated (a
#                         mirror's index out of sync), the fetches decide
#   df_versions KIND PKG  the versions the archive offers, newest first;
#                         KIND is "source" or "binary"
#   df_fetch KIND DEST PKG...
#                         download each PKG into DEST, trying its versions
#                         newest first and falling back when one is not
#                         served or fails apt's checksum check; prints
#                         "PKG VERSION" for each on stdout.  When no version
#                         of a package can be had: one line on stderr naming
#                         the package and the versions tried, status 1.
#
# DF_SOURCES_DIR, when set before df_init, replaces the system's source
# lists (a directory of *.sources / *.list files): the fetch test uses it to
# point at a local archive.
#
# What apt downloads is verified by apt itself against the signed index
# (a hash mismatch is a failed download, and the next version is tried).

df_init() {
	DF_DIR=$1
	local arch=${2:-$(dpkg --print-architecture)} f
	mkdir -p "$DF_DIR/lists/partial" "$DF_DIR/cache/archives/partial" \
		"$DF_DIR/etc"
	rm -f "$DF_DIR"/etc/*
	if [ -n "${DF_SOURCES_DIR:-}" ]; then
		cp "$DF_SOURCES_DIR"/* "$DF_DIR/etc/"
	else
		# deb and deb-src entries for the same archives as the system's.
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -f "$f" ] || continue
			sed 's/^Types:.*/Types: deb deb-src/' "$f" \
				>"$DF_DIR/etc/$(basename "$f")"
		done
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -f "$f" ] || continue
			sed -n 's/^deb \(.*\)/deb \1\ndeb-src \1/p' "$f" \
				>>"$DF_DIR/etc/system.list"
		done
	fi
	DF_OPTS=(-oDir::Etc::SourceList=/dev/null
		-oDir::Etc::SourceParts="$DF_DIR/etc"
		-oDir::State::Lists="$DF_DIR/lists" -oDir::Cache="$DF_DIR/cache"
		-oAPT::Architecture="$arch" -oAPT::Architectures="$arch"
		-oDebug::NoLocking=1 -oAPT::Sandbox::User=root)
	DF_ARCH=$arch
}

df_update() {
	apt-get "${DF_OPTS[@]}" -q update >"$DF_DIR/update.log" 2>&1 || true
}

df_versions() {
	local kind=$1 pkg=$2 v s sorted=() i j
	local want="$DF_ARCH Packages\$"
	[ "$kind" = source ] && want=" Sources\$"
	while IFS='|' read -r _ v s; do
		v=${v// /}
		printf '%s\n' "$s" | grep -q -- "$want" || continue
		# Insert v into sorted (newest first), skipping duplicates.
		for ((i = 0; i < ${#sorted[@]}; i++)); do
			[ "${sorted[i]}" = "$v" ] && continue 2
			dpkg --compare-versions "$v" gt "${sorted[i]}" && break
		done
		for ((j = ${#sorted[@]}; j > i; j--)); do
			sorted[j]=${sorted[j - 1]}
		done
		sorted[i]=$v
	done < <(apt-cache "${DF_OPTS[@]}" madison "$pkg" 2>/dev/null)
	[ ${#sorted[@]} -gt 0 ] && printf '%s\n' "${sorted[@]}"
}

df_fetch() {
	local kind=$1 dest=$2 pkg v tried ok log
	shift 2
	mkdir -p "$dest"
	log=$DF_DIR/fetch.log
	for pkg in "$@"; do
		tried=() ok=
		while read -r v; do
			[ -n "$v" ] || continue
			tried+=("$v")
			if [ "$kind" = source ]; then
				(cd "$dest" && apt-get "${DF_OPTS[@]}" -q source \
					--download-only "$pkg=$v") >"$log" 2>&1
			else
				(cd "$dest" && apt-get "${DF_OPTS[@]}" -q download \
					"$pkg=$v") >"$log" 2>&1
			fi && { ok=$v; break; }
			# Leave no partial files of the failed version behind.
			df_clean "$dest" "$pkg" "$v"
		done < <(df_versions "$kind" "$pkg")
		if [ -z "$ok" ]; then
			if [ ${#tried[@]} -eq 0 ]; then
				echo "debfetch: $kind package $pkg: the archive offers no version of it" >&2
			else
				echo "debfetch: $kind package $pkg: no version could be downloaded (tried ${tried[*]})" >&2
			fi
			return 1
		fi
		echo "$pkg $ok"
	done
}

# df_clean DEST PKG VERSION: remove what a failed download of one version
# may have left (files are named without the epoch).
df_clean() {
	local v=${3#*:}
	rm -f "$1/$2_$v"* "$1/$2_${v%-*}.orig"*
}
