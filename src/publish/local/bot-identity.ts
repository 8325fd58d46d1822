/** The author and committer of spark-tuner's local commits; commits by anyone else mark a branch as a person's. */
export const BOT_NAME = 'spark-tuner';
export const BOT_EMAIL = 'spark-tuner@users.noreply.github.com';

export const BOT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: BOT_NAME,
  GIT_AUTHOR_EMAIL: BOT_EMAIL,
  GIT_COMMITTER_NAME: BOT_NAME,
  GIT_COMMITTER_EMAIL: BOT_EMAIL,
};
