/**
 * Roles that routes in more than one module accept: creating a message (one or in bulk) and
 * attaching a file to one. https://developer.kustomer.com/api/core-resources/create-message-from-conversation
 */
export const MESSAGE_CREATE = ['org.permission.message.create', 'org.user.message.write'];
