-- stats_region (per region node) from the rows already in stats_daily: every ancestor of each agency's region path,
-- '/' included, as the fold writes it from now on. Derived data: recomputed by /statistics/rebuild as well.
INSERT INTO stats_region (grain, day, region_path, kind, category, procedure, opened, decided, closed, fine_count, fine_total, major_decided, major_reviewed, av_required, av_covered, licence_decided, licence_granted, licence_on_time, inspection_done, inspection_problem, coercion_applied, pub_due, pub_on_time, pub_late, pub_excluded)
SELECT d.grain, d.day, a.node, d.kind, d.category, d.procedure, sum(d.opened), sum(d.decided), sum(d.closed), sum(d.fine_count), sum(d.fine_total), sum(d.major_decided), sum(d.major_reviewed), sum(d.av_required), sum(d.av_covered), sum(d.licence_decided), sum(d.licence_granted), sum(d.licence_on_time), sum(d.inspection_done), sum(d.inspection_problem), sum(d.coercion_applied), sum(d.pub_due), sum(d.pub_on_time), sum(d.pub_late), sum(d.pub_excluded)
FROM stats_daily d
CROSS JOIN LATERAL (SELECT substr(d.region_path, 1, i) AS node FROM generate_series(1, length(d.region_path)) i WHERE substr(d.region_path, i, 1) = '/') a
GROUP BY d.grain, d.day, a.node, d.kind, d.category, d.procedure;
