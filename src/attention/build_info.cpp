// build_info: version and which kernel implementation this build runs (kernels::flavour()).
#include "attention/build_info.h"

#include "attention/kernels.h"

namespace attn {

const char* version() { return "0.1.0"; }

const char* kernel_flavour() { return kernels::flavour(); }

}  // namespace attn
