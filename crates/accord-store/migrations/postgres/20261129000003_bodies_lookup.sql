-- Bodies are served by their hash (`/log/bodies/<hex>`) only to readers cleared for the entry
-- that names them: the server looks the entry up by the body's hash.
CREATE INDEX entries_by_body ON entries (body_hash);
