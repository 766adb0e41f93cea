-- E-mails typed into the local sign-in were once stored and used to link accounts. They were never
-- verified: a local identity attached to a user who also signs in otherwise is a link someone could
-- have made by typing that user's e-mail, so it goes (the name then signs in to an account of its own);
-- and a user known only through the local sign-in keeps no e-mail, so that a later verified sign-in
-- with that address never lands in their account.
DELETE FROM "accounts" a
WHERE a."provider" = 'local'
  AND EXISTS (SELECT 1 FROM "accounts" o WHERE o."user_id" = a."user_id" AND o."provider" <> 'local');
--> statement-breakpoint
UPDATE "users" u SET "email" = NULL
WHERE u."email" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "accounts" o WHERE o."user_id" = u."id" AND o."provider" <> 'local');
