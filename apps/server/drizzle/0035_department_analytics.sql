-- Department staff read KPIs: their department's dashboard (its K1, open and overdue work) is their home page.
UPDATE "roles" SET "permissions" = array(
  SELECT DISTINCT p FROM unnest("permissions" || ARRAY['analytics.read']) AS p ORDER BY p)
WHERE "builtin" AND "key" = 'department_staff';
