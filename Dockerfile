# rolelint in a container: the static release binary (tools/build-static) on an
# empty base image, so the image is the binary and nothing else (docs/ci.md).
#   docker build -t rolelint .
#   docker run --rm -v "$PWD:/src" -w /src rolelint check .
# pre-commit's docker and docker_image hooks (.pre-commit-hooks.yaml) run this
# image with the repository mounted at /src.
FROM debian:12-slim AS build
WORKDIR /rolelint
COPY . .
# ROLELINT_COMMIT: the commit --version prints (the build context has no .git).
ARG ROLELINT_COMMIT=unknown
RUN ROLELINT_COMMIT="$ROLELINT_COMMIT" tools/build-static \
 && mkdir -p /out \
 && cp "dist/rolelint-linux-$(uname -m | sed 's/aarch64/arm64/')" /out/rolelint

# The release workflow's image (.github/workflows/release.yml, --target release):
# the binaries it built and tested, one per platform, instead of a build here.
FROM scratch AS release
ARG TARGETARCH
COPY dist/docker/${TARGETARCH}/rolelint /usr/bin/rolelint
WORKDIR /src
ENTRYPOINT ["/usr/bin/rolelint"]
CMD ["check", "."]

# The default: built from this source tree.
FROM scratch
COPY --from=build /out/rolelint /usr/bin/rolelint
WORKDIR /src
ENTRYPOINT ["/usr/bin/rolelint"]
CMD ["check", "."]
