// What a job's status and results say about the whole pool at a glance: the progress of a job
// (0-100) and a short overview of its candidates in prose (`agent_summary`, which HireSquire's
// CLI prints as its "agent report"). Pure functions of what is stored: no I/O.
#pragma once

#include <string>
#include <vector>

#include "model/candidate.h"
#include "model/job.h"

namespace shortlist::jobs {

// Resumes screened out of the job's, as a whole percentage: 100 once completed (and for a job
// of no resume), else floor(processed * 100 / total).
int ProgressPercent(const model::Job& job);

// A few sentences on the pool: how many were screened, how many qualify at the job's leniency,
// the top and average scores, the best candidates (at most 3, given best first in `best`) with
// the job skills each matched, and how many files could not be read. Written from the numbers,
// never filler; "" for a job with no candidate yet.
std::string PoolOverview(const model::Job& job, const model::JobSummary& summary,
                         const std::vector<model::CandidateRecord>& best);

}  // namespace shortlist::jobs
