package dev.yubin.policy.check.lists;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param blockAction what a block-listed client gets at CONNECT: {@code drop} (554 5.7.1, then
 *                    the connection is closed) or {@code reject} (554 5.7.1; the client may only QUIT)
 */
@ConfigurationProperties("yubin.policy.lists")
record ListsProperties(@DefaultValue("drop") BlockAction blockAction) {

    enum BlockAction { DROP, REJECT }
}
