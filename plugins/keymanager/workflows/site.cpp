#include "workflows/site.hpp"

namespace arbor::km::workflows {

key_manager open(const site& where) { return key_manager::open(where.data_dir, where.identity, *where.clock); }

}  // namespace arbor::km::workflows
