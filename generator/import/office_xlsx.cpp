#include <fmt/format.h>

#include "import/common.hpp"

namespace gpress::import_detail {

ImportResult import_telephony(ImportContext& ctx) {
  throw InputError(SourceLoc{ImportContext::display(ctx.options().files.front())}, "telephony workbooks are not read yet");
}
ImportResult import_online_consultations(ImportContext& ctx) {
  throw InputError(SourceLoc{ImportContext::display(ctx.options().files.front())},
                   "online consultation workbooks are not read yet");
}

}  // namespace gpress::import_detail
