// The contract between assemble and render: a page's context is a JSON value
// made here, and render/templates.hpp fills a template from it. What a
// template may use is described by a schema of the same type, published
// beside each context (docs/templates.md).
#pragma once

#include <nlohmann/json_fwd.hpp>

namespace gpress {

/// The variables a template may use, as a JSON value: an object's keys are
/// variable names; a key whose value is null is a plain value, an object is a
/// nested object (a section that changes context), and an array holding one
/// object is a list whose entries have that object's keys.
using TemplateSchema = nlohmann::json;

}  // namespace gpress
