package org.incidentworkbench.playbooks.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

    final Redactor redactor = Redactor.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        --password=             | mysql --user=app --password=hunter2 -h db-1                  | mysql --user=app --password=[REDACTED] -h db-1
        --password value        | redis-cli --pass s3cr3t ping                                   | redis-cli --pass [REDACTED] ping
        --token quoted          | vault login --token "s.abc def"                                | vault login --token [REDACTED]
        --api-key               | tool --api-key=abcd1234 --verbose                              | tool --api-key=[REDACTED] --verbose
        mysql -p                | mysql -u root -phunter2 shop                                   | mysql -u root -p[REDACTED] shop
        mysql -p prompts        | mysql -u root -p shop                                          | mysql -u root -p shop
        sshpass                 | sshpass -p 'pa ss' ssh web-1                                   | sshpass -p [REDACTED] ssh web-1
        PASSWORD= env           | PGPASSWORD=hunter2 psql -h db-1                                | PGPASSWORD=[REDACTED] psql -h db-1
        export secret           | export DB_PASSWORD='hunter 2'; ./run                           | export DB_PASSWORD=[REDACTED]; ./run
        env token               | GITLAB_TOKEN=abc123 make deploy                                | GITLAB_TOKEN=[REDACTED] make deploy
        yaml line               | "  api_key: 9f8e7d6c"                                          | "  api_key: [REDACTED]"
        json member             | {"user":"a","password":"hunter2"}                              | {"user":"a","password":[REDACTED]}
        url user:pass@          | curl https://admin:hunter2@api.example.com/v1/status           | curl https://admin:[REDACTED]@api.example.com/v1/status
        url in jdbc             | jdbc:postgresql://app:s3cret@db-1:5432/shop                    | jdbc:postgresql://app:[REDACTED]@db-1:5432/shop
        curl bearer header      | curl -H 'Authorization: Bearer eyJhbGciOi.J9.sig' https://x/   | curl -H 'Authorization: Bearer [REDACTED]' https://x/
        basic header in output  | Authorization: Basic YWRtaW46aHVudGVyMg==                      | Authorization: Basic [REDACTED]
        header without scheme   | authorization: abcdef123456                                    | authorization: [REDACTED]
        proxy header            | Proxy-Authorization: Negotiate YIIabc                          | Proxy-Authorization: Negotiate [REDACTED]
        bare bearer             | token was Bearer abcdefgh12345678 for svc                      | token was Bearer [REDACTED] for svc
        aws key id              | aws_access_key_id = AKIAIOSFODNN7EXAMPLE                       | aws_access_key_id = [REDACTED AWS KEY ID]
        aws secret              | aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | aws_secret_access_key = [REDACTED]
        aws env secret          | AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY aws s3 ls | AWS_SECRET_ACCESS_KEY=[REDACTED] aws s3 ls
        github token            | git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/x | git clone https://[REDACTED TOKEN]@github.com/x
        slack token             | SLACK=xoxb-1234567890-abcdefghij                                | SLACK=[REDACTED TOKEN]
        """)
    void hidesSecrets(String name, String input, String expected) {
        assertEquals(expected, redactor.redact(input));
        assertEquals(expected, redactor.redact(expected), "redacting twice changes nothing");
    }

    @ParameterizedTest(name = "leaves alone: {0}")
    @CsvSource(delimiter = '|', textBlock = """
        sshd log                | sshd[812]: Failed password for root from 10.0.0.5 port 22 ssh2
        permission denied       | Permission denied (publickey,password).
        password prompt         | Password:
        df output               | /dev/sda1  ext4  41152736 39876544 0 100% /
        url without password    | https://admin@api.example.com/v1
        mysql port              | mysql -h db-1 -P 3306 -u app -p
        ps line                 | root 4242 99.0 1.2 /usr/bin/python3 report.py --pages 100
        """)
    void leavesOrdinaryTextAlone(String name, String input) {
        Redactor.Result r = redactor.apply(input);
        assertEquals(input, r.text());
        assertEquals(0, r.redactions());
    }

    @Test
    void privateKeysAreRemovedWholeEvenWhenCutOff() {
        String output = """
                $ cat ~/.ssh/id_ed25519
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
                QyNTUxOQAAACDkVQJx0lq3NRL5uqGlIjlG2PBk1xgX0bUY+3O2x0tPhQAAAJg=
                -----END OPENSSH PRIVATE KEY-----
                $ head -3 /etc/ssl/private/web.key
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEAv3lSa0L4G0c9Q
                """;
        Redactor.Result r = redactor.apply(output);
        assertEquals("""
                $ cat ~/.ssh/id_ed25519
                [REDACTED PRIVATE KEY]
                $ head -3 /etc/ssl/private/web.key
                [REDACTED PRIVATE KEY]""", r.text());
        assertEquals(2, r.redactions());
        assertFalse(r.text().contains("b3BlbnNza"));
    }

    @Test
    void noneRedactsNothingAndEveryRuleIsNamed() {
        assertEquals("--password=x", Redactor.none().redact("--password=x"));
        assertFalse(Redactor.none().enabled());
        assertTrue(redactor.enabled());
        assertEquals(List.of("private-key", "authorization-header", "bearer-token", "url-credentials", "aws-secret-key",
                "aws-access-key-id", "vendor-token", "secret-option", "short-password-option", "secret-assignment"),
                redactor.rules().stream().map(Redactor.Rule::name).toList());
    }

    @Test
    void countsEachSecret() {
        Redactor.Result r = redactor.apply("A=1 DB_PASSWORD=x curl -u u:p https://u:p@h/ --token t");
        assertEquals("A=1 DB_PASSWORD=[REDACTED] curl -u u:p https://u:[REDACTED]@h/ --token [REDACTED]", r.text());
        assertEquals(3, r.redactions());
    }
}
