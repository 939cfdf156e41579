package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A plain JMS client of the app's embedded broker, over TCP, as an outside producer and reader would be. */
final class JmsClient implements AutoCloseable {

    private final String url;
    private final Connection connection;
    private final Session session;

    private JmsClient(String url, Connection connection) throws JMSException {
        this.url = url;
        this.connection = connection;
        connection.start();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Connects once the broker listens (it starts with the app). */
    static JmsClient connect(int port) {
        String url = "tcp://127.0.0.1:" + port;
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> new JmsClient(url, factory.createConnection()), c -> true);
    }

    String url() {
        return url;
    }

    /** Sends the bodies as text messages in one transaction: they reach the queue together. */
    void sendAll(String queue, List<String> bodies) throws JMSException {
        try (Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = tx.createProducer(tx.createQueue(queue))) {
            for (String body : bodies) {
                producer.send(tx.createTextMessage(body));
            }
            tx.commit();
        }
    }

    /** Sends text, bytes (a {@code byte[]} element) in one transaction, in order. */
    void sendMixed(String queue, List<Object> bodies) throws JMSException {
        try (Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = tx.createProducer(tx.createQueue(queue))) {
            for (Object body : bodies) {
                if (body instanceof byte[] bytes) {
                    BytesMessage m = tx.createBytesMessage();
                    m.writeBytes(bytes);
                    producer.send(m);
                } else {
                    producer.send(tx.createTextMessage((String) body));
                }
            }
            tx.commit();
        }
    }

    /** Receives {@code count} messages, then checks that no further one follows within a short while. */
    List<Message> receive(String queue, int count, Duration each) throws JMSException {
        List<Message> out = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (out.size() < count) {
                Message m = consumer.receive(each.toMillis());
                assertThat(m).as("message %d of %d on %s", out.size() + 1, count, queue).isNotNull();
                out.add(m);
            }
            assertThat(consumer.receive(300)).as("no more messages on " + queue).isNull();
        }
        return out;
    }

    static List<String> texts(List<Message> messages) throws JMSException {
        List<String> out = new ArrayList<>();
        for (Message m : messages) {
            out.add(((TextMessage) m).getText());
        }
        return out;
    }

    /** How many messages wait on the queue, without taking them. */
    int waiting(String queue) throws JMSException {
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
