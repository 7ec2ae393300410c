/**
 * Serving HTTP: the one controller, the security headers and Tomcat's tuning.
 */
package org.broadsheet.server;
