# gpress in a container: builds the Debian package on Debian 12, then
# installs it on Debian 12 slim. Run it on a project folder mounted at /project:
#
#   docker build -t gpress .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/project" gpress build
#
# The image's entry point is gpress, so any command works the same way
# (`... gpress check`, `... gpress build packs --practice A81001`).

FROM debian:12 AS build
WORKDIR /src
COPY . .
RUN scripts/install-deps.sh \
 && cmake -S . -B build -G Ninja -DGPRESS_TESTS=OFF \
 && cmake --build build \
 && cd build && cpack

FROM debian:12-slim
COPY --from=build /src/build/gpress_*.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/gpress_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/gpress_*.deb
WORKDIR /project
ENTRYPOINT ["gpress"]
CMD ["build"]
