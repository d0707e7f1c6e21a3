import nodemailer from "nodemailer";

export type MailMessage = { to: string[]; subject: string; text: string; html: string };

/** Sends notification emails; resolves once the mail server accepted the message. */
export type Mailer = {
  send: (message: MailMessage) => Promise<void>;
  /** Where mail goes, for the start-up log: host and port, never credentials. */
  describe: string;
  close: () => void;
};

/** Bounds on one conversation with the mail server, so a stalled server costs seconds, not minutes. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** A mailer over SMTP, configured by a URL such as `smtp://user:pass@mail.example.com:587` (or `smtps://`). */
export function createSmtpMailer({ url, from }: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }, { from });
  const parsed = new URL(url);
  return {
    async send(message) {
      await transport.sendMail({ to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
    describe: `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}`,
    close: () => transport.close(),
  };
}
