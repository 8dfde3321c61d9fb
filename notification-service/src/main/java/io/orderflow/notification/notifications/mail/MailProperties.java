package io.orderflow.notification.notifications.mail;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param from the sender of every email ({@code orderflow.notification.mail.from})
 */
@Validated
@ConfigurationProperties("orderflow.notification.mail")
record MailProperties(@NotBlank @Email @DefaultValue("orders@orderflow.example") String from) {
}
