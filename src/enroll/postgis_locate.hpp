#pragma once
// The optional PostGIS path of the catchment lookup (issue 5 §1: "Optional PostGIS for catchment
// geometry when present; the pure C++ geometry path stays the default"). The polygons of a
// CatchmentMap and the points are loaded into temporary tables of a PostgreSQL server with PostGIS,
// and ST_Covers / ST_Contains decide what CatchmentMap::locate decides with Boost.Geometry: covered =
// in the catchment, covered but not contained = on its border. Nothing is left in the database: the
// tables live in one transaction that is rolled back.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "enroll/catchments.hpp"
#include "store/connection.hpp"

namespace youjun::enroll {

// The PostGIS version of the server behind `pg`, creating the extension when the server has it but this
// database does not yet (needs the CREATE privilege on the database). An error naming what is missing
// (not PostgreSQL, PostGIS not installed on the server, no privilege) otherwise.
Result<std::string> ensure_postgis(store::Connection& pg);

// Same answers as map.locate_all(points) (points in WGS-84), computed by PostGIS.
Result<std::vector<Located>> locate_with_postgis(store::Connection& pg, const CatchmentMap& map,
                                                 const std::vector<geo::LonLat>& points);

}  // namespace youjun::enroll
