// The data files of data/ compiled into the engine (see embed_data.cmake).
#pragma once

#include <string_view>

namespace shortlist::engine {

// The bytes of the data file `name` ("skills_curated.tsv", ...), or an empty view when there is no
// such file. The bytes live for the whole program.
std::string_view EmbeddedData(std::string_view name);

}  // namespace shortlist::engine
