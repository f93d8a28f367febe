-- wrk script for bench/common.run_wrk(requests=N): each wrk thread stops after N answers. A capped
-- run checks that a path answers under wrk (the smoke test) without loading the machine for the
-- whole duration; the rate wrk then prints is not a measurement.
local limit, answered = 0, 0

function init(args)
  limit = tonumber(args[1])
end

function response()
  answered = answered + 1
  if answered >= limit then
    wrk.thread:stop()
  end
end
