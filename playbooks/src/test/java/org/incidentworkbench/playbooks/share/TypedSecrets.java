package org.incidentworkbench.playbooks.share;

import java.util.List;

/**
 * What engineers really type during an incident, one line per redaction rule, each with the secret
 * value that must not survive sharing. Shared with the app's tests through the test-jar.
 */
public final class TypedSecrets {

    /** A line as typed or printed, and the part of it that is the secret. */
    public record Line(String rule, String text, String secret) {
    }

    public static final List<Line> LINES = List.of(
            new Line("private-key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                    + "-----END OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"),
            new Line("authorization-header", "curl -H 'Authorization: Bearer kP9vQ2mZ7xR4tL8w' https://api.acme.test/v1", "kP9vQ2mZ7xR4tL8w"),
            new Line("cookie-header", "< Set-Cookie: sid=Zt7Qm2Vx9Lp4Ws8K; Path=/; HttpOnly", "Zt7Qm2Vx9Lp4Ws8K"),
            new Line("bearer-token", "the proxy forwarded Bearer Hq3Jk8Lm2Np5Rs9T upstream", "Hq3Jk8Lm2Np5Rs9T"),
            new Line("jwt", "session eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvcHMiLCJpYXQiOjE3MzI1MzYwMDB9.Yq0mK3vL7xP2wR9tZ5nB8cD1fG4hJ6sA",
                    "Yq0mK3vL7xP2wR9tZ5nB8cD1fG4hJ6sA"),
            new Line("webhook-url", "curl -d @alert.json https://hooks.slack.com/services/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",
                    "dxM0Jx3ZcgZ8kWZBOjgNXjbP"),
            new Line("aws-secret-key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9kWm3xLe", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9kWm3xLe"),
            new Line("aws-access-key-id", "aws_access_key_id = AKIAZ7QW3ERT5YUI9OPL", "AKIAZ7QW3ERT5YUI9OPL"),
            new Line("github-token", "git clone https://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@github.com/acme/ops",
                    "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"),
            new Line("gitlab-token", "curl --header 'PRIVATE-TOKEN: glpat-Xz8kP2mQ9vL4nR7tY1wE' https://gitlab.acme.test/api/v4/projects",
                    "glpat-Xz8kP2mQ9vL4nR7tY1wE"),
            new Line("slack-token", "SLACK_BOT=xoxb-2718281828-3141592653589-AbCdEfGhIjKlMnOpQrStUvWx ./notify",
                    "xoxb-2718281828-3141592653589-AbCdEfGhIjKlMnOpQrStUvWx"),
            new Line("google-api-key", "maps key AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI rejected", "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"),
            new Line("stripe-key", "charge failed for sk_live_51HcQ2aLkE9vBz7Tq8Wm3Yp (401)", "sk_live_51HcQ2aLkE9vBz7Tq8Wm3Yp"),
            new Line("url-credentials", "psql postgresql://app:Vb7nM2qX9z@db-1:5432/shop -c 'select 1'", "Vb7nM2qX9z"),
            new Line("curl-user", "curl -u deploy:Tr0ub4dorQ https://ci.acme.test/api", "Tr0ub4dorQ"),
            new Line("redis-cli-password", "redis-cli -h cache-1 -a Zq9xT4pWr7 info memory", "Zq9xT4pWr7"),
            new Line("secret-option", "mysql --user=app --password=Hunter2Kx -h db-1", "Hunter2Kx"),
            new Line("mysql-password", "mysqldump -h db-1 -uroot -pS3cr3tDump --all-databases", "S3cr3tDump"),
            new Line("sshpass-password", "sshpass -p Pa55w0rdSsh ssh -p 2222 web-1", "Pa55w0rdSsh"),
            new Line("secret-assignment", "PGPASSWORD=PgSecret77 psql -h db-1 -U app shop", "PgSecret77"),
            new Line("secret-assignment", "export DEPLOY_TOKEN=DtQ4w8e2r6 API_SECRET=As9d8f7g6h", "DtQ4w8e2r6"),
            new Line("secret-assignment", "  password: YamlPw4411", "YamlPw4411"),
            new Line("secret-assignment", "{\"db\":{\"secret\":\"JsonSec0099\"}}", "JsonSec0099"),
            new Line("secret-assignment", "password = IniPw5522", "IniPw5522"));

    private TypedSecrets() {
    }
}
