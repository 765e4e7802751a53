-- Raises SQLSTATE AJ409 with `code` as its message. A one-statement write (data-modifying CTEs in autocommit) calls
-- it when its optimistic check found the row changed, so every write of that statement rolls back with it.
CREATE OR REPLACE FUNCTION anju_conflict(code text) RETURNS boolean AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'AJ409', MESSAGE = code;
END;
$$ LANGUAGE plpgsql VOLATILE;
