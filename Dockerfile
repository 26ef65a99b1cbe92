# bosun's own image: built in a full Rust image, shipped on a minimal distroless
# base as a non-root user.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p bosun && cp target/release/bosun /bosun

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /bosun /usr/local/bin/bosun
USER 65532:65532
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/bosun"]
CMD ["scan", "/src"]
