// SPDX-License-Identifier: GPL-3.0-or-later
// The image probe: analyses the disk image, VM config or VM folder the user
// named (CheckRequest.image). The user's own path, not an OS path, so it is
// read through a FileOpener rather than the PathStore.
#include <memory>

#include "core/probe.hpp"
#include "core/probes/image/image_probe.hpp"
#include "core/probes/image/input.hpp"

namespace vmstick::image {
namespace {

class ImageProbe final : public Probe {
 public:
  std::string_view name() const override { return "image"; }
  void run(const ProbeContext& ctx, FactSet& facts) const override {
    if (!ctx.request.image) return;
    facts.image = analyse_input(*ctx.request.image, FileOpener{});
  }
};

}  // namespace

std::unique_ptr<Probe> make_image_probe() { return std::make_unique<ImageProbe>(); }

}  // namespace vmstick::image
