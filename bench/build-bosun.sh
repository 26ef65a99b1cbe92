# Sourced by the bench scripts: sets BOSUN to an absolute path of a release
# bosun, building one unless BOSUN is given. Retries the build (BUILD_TRIES,
# 60 s apart) because a tree being edited may not compile for a moment.
# Needs ROOT, OUT, BUILD_TRIES and the scripts' `say` and `die`.
if [[ -z ${BOSUN:-} ]]; then
    BOSUN=${CARGO_TARGET_DIR:-$ROOT/target}/release/bosun
    for try in $(seq 1 "$BUILD_TRIES"); do
        say "cargo build --release -p bosun (attempt $try/$BUILD_TRIES)"
        if (cd "$ROOT" && cargo build --release -p bosun) 2> "$OUT/build.log"; then
            break
        fi
        tail -n 15 "$OUT/build.log" >&2
        [[ $try -lt $BUILD_TRIES ]] || die "release build failed $BUILD_TRIES times; see $OUT/build.log"
        say "build failed (the tree may be mid-edit); retrying in 60 s"
        sleep 60
    done
fi
[[ -x $BOSUN ]] || die "no bosun binary at $BOSUN"
BOSUN=$(cd "$(dirname "$BOSUN")" && pwd)/$(basename "$BOSUN")
