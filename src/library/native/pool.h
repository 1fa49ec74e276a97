#pragma once
#include <napi.h>

namespace paperlab {
void InitPool(Napi::Env env, Napi::Object exports);
}
