-- The built-in roles gain the permissions of issue 14 as their default sets give them (contracts permissions.ts);
-- roles an admin created are left as they are.
UPDATE "roles" SET "permissions" = array(
  SELECT DISTINCT p FROM unnest("permissions" || CASE "key"
    WHEN 'system_admin' THEN ARRAY['analytics.manage','surveys.manage','history.import']
    WHEN 'cr_manager' THEN ARRAY['analytics.manage','surveys.manage','history.import']
    WHEN 'cr_specialist' THEN ARRAY['surveys.manage']
    ELSE ARRAY[]::text[] END) AS p ORDER BY p)
WHERE "builtin";
